namespace Chorus.Aggregation;

/// <summary>Options for <see cref="Aggregators.Pairwise"/>.</summary>
/// <remarks>The aggregator copies the values when it is created. Each judge's model, aspect and weight are on its <see cref="Juror"/>.</remarks>
public sealed class PairwiseOptions
{
    /// <summary>Gets or sets the task or question the branches answered, shown to every judge as <c>{task}</c>.</summary>
    /// <value>The default is <see langword="null"/>: the prompt says the task was not given.</value>
    public string? Task { get; set; }

    /// <summary>Gets or sets the judges' prompt template; the placeholders are those of <see cref="JudgePrompts"/> (<c>{aspect}</c> included).</summary>
    /// <value>The default is <see langword="null"/>: <see cref="JudgePrompts.Pairwise"/>. Must not be blank when set.</value>
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

    /// <summary>Gets or sets a value indicating whether each judge sees every pair in both orders, against position bias.</summary>
    /// <value>
    /// The default is <see langword="true"/>: two calls per judge and pair; when the two verdicts disagree the judge's preference is a tie.
    /// When <see langword="false"/>, one call with the earlier branch shown first (cheaper, and exposed to position bias).
    /// </value>
    public bool BothOrders { get; set; } = true;
}
