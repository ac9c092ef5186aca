using Microsoft.Extensions.AI;

namespace Chorus.Aggregation;

/// <summary>Options for <see cref="Aggregators.Judge"/>.</summary>
/// <remarks>The aggregator copies the values (and clones <see cref="ChatOptions"/>) when it is created.</remarks>
public sealed class JudgeOptions
{
    /// <summary>Gets or sets whether the judge picks a candidate or writes a synthesis.</summary>
    /// <value>The default is <see cref="JudgeMode.Pick"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="JudgeMode"/>.</exception>
    public JudgeMode Mode
    {
        get;
        set
        {
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"{nameof(Mode)} must be a defined {nameof(JudgeMode)}, was {value}.");
            }

            field = value;
        }
    } = JudgeMode.Pick;

    /// <summary>Gets or sets the task or question the branches answered, shown to the judge as <c>{task}</c>.</summary>
    /// <value>
    /// The default is <see langword="null"/>: the prompt says the task was not given. Branch outcomes do not carry their
    /// prompts, so set this to the question for the judge to check correctness against it.
    /// </value>
    public string? Task { get; set; }

    /// <summary>Gets or sets the prompt template; see <see cref="JudgePrompts"/> for the placeholders.</summary>
    /// <value>The default is <see langword="null"/>: <see cref="JudgePrompts.Pick"/> or <see cref="JudgePrompts.Synthesize"/>, by <see cref="Mode"/>. Must not be blank when set.</value>
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

    /// <summary>Gets or sets the options of the judge's call (for example the model or temperature).</summary>
    /// <value>
    /// The default is <see langword="null"/>: none. In <see cref="JudgeMode.Pick"/> the judge's copy gets
    /// <see cref="ChatOptions.ResponseFormat"/> set to a JSON schema named <c>chorus_verdict</c>; this instance is never changed.
    /// </value>
    public ChatOptions? ChatOptions { get; set; }

    /// <summary>Gets or sets the seed of the shuffle of the candidates, recorded in the decision's evidence.</summary>
    /// <value>The default is <see langword="null"/>: a new seed for every run. Set it to reproduce an order.</value>
    public int? Seed { get; set; }

    /// <summary>Gets or sets a value indicating whether the candidates are shown in a seeded random order, against position bias.</summary>
    /// <value>The default is <see langword="true"/>. When <see langword="false"/> they are shown in branch order.</value>
    public bool ShuffleCandidates { get; set; } = true;

    /// <summary>Gets or sets the label of the judge's branch in the report.</summary>
    /// <value>The default is <c>judge</c>. Must not be blank.</value>
    /// <exception cref="ArgumentException">The value is <see langword="null"/>, empty or white space.</exception>
    public string Label
    {
        get;
        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            field = value;
        }
    } = JudgeConstants.DefaultLabel;
}
