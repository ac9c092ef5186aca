namespace Chorus.Aggregation;

/// <summary>Options for <see cref="Aggregators.Jury"/>.</summary>
/// <remarks>The aggregator copies the values when it is created. Each juror's call options are on the <see cref="Juror"/>.</remarks>
public sealed class JuryOptions
{
    /// <summary>Gets or sets how the jurors' scores are combined per candidate.</summary>
    /// <value>The default is <see cref="JuryCombine.Mean"/> (weighted by <see cref="Juror.Weight"/>).</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="JuryCombine"/>.</exception>
    public JuryCombine Combine
    {
        get;
        set
        {
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"{nameof(Combine)} must be a defined {nameof(JuryCombine)}, was {value}.");
            }

            field = value;
        }
    } = JuryCombine.Mean;

    /// <summary>Gets or sets the task or question the branches answered, shown to every juror as <c>{task}</c>.</summary>
    /// <value>The default is <see langword="null"/>: the prompt says the task was not given (branch outcomes do not carry their prompts).</value>
    public string? Task { get; set; }

    /// <summary>Gets or sets the jurors' prompt template; see <see cref="JudgePrompts"/> for the placeholders (<c>{aspect}</c> included).</summary>
    /// <value>The default is <see langword="null"/>: <see cref="JudgePrompts.Juror"/>. Must not be blank when set.</value>
    /// <exception cref="ArgumentException">The value is empty or white space.</exception>
    public string? PromptTemplate
    {
        get;
        set
        {
            if (value is not null)
            {
                ArgumentException.ThrowIfNullOrWhiteSpace(value);
            }

            field = value;
        }
    }

    /// <summary>Gets or sets the seed of the shuffle of the candidates (one order, shared by all jurors), recorded in the evidence.</summary>
    /// <value>The default is <see langword="null"/>: a new seed for every run.</value>
    public int? Seed { get; set; }

    /// <summary>Gets or sets a value indicating whether the candidates are shown in a seeded random order, against position bias.</summary>
    /// <value>The default is <see langword="true"/>. When <see langword="false"/> they are shown in branch order.</value>
    public bool ShuffleCandidates { get; set; } = true;
}
