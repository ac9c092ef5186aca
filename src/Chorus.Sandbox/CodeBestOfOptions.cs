using Microsoft.Extensions.AI;

namespace Chorus.Sandbox;

/// <summary>Options for <see cref="CodeBestOfAggregator"/>: the tests, the language, the measuring and the optional review.</summary>
/// <remarks>The aggregator copies the values (and clones <see cref="ReviewOptions"/>) when it is created.</remarks>
public sealed class CodeBestOfOptions
{
    /// <summary>Gets or sets the caller's tests, run against every candidate (see <see cref="CodeLanguage"/> for the layout).</summary>
    /// <value>The default is an empty string, which is invalid: the aggregator requires tests.</value>
    /// <exception cref="ArgumentNullException">The value is <see langword="null"/>.</exception>
    public string Tests
    {
        get;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            field = value;
        }
    } = string.Empty;

    /// <summary>Gets or sets the candidates' language.</summary>
    /// <value>The default is <see cref="CodeLanguage.Python"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="CodeLanguage"/>.</exception>
    public CodeLanguage Language
    {
        get;
        set
        {
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"{nameof(Language)} must be a defined {nameof(CodeLanguage)}, was {value}.");
            }

            field = value;
        }
    } = CodeLanguage.Python;

    /// <summary>Gets or sets how many times each passing candidate's tests run; the median runtime ranks them.</summary>
    /// <value>The default is 3. At least 1.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int Repetitions
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            field = value;
        }
    } = 3;

    /// <summary>Gets or sets the fraction within which runtimes count as equal, so the review decides (see <see cref="CodeRanking.Rank"/>).</summary>
    /// <value>The default is 0.1 (10 %). Must be non-negative.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not finite.</exception>
    public double RuntimeTolerance
    {
        get;
        set
        {
            if (!double.IsFinite(value) || value < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"{nameof(RuntimeTolerance)} must be a non-negative number, was {value}.");
            }

            field = value;
        }
    } = 0.1;

    /// <summary>Gets or sets the sandbox that runs the candidates.</summary>
    /// <value>The default is <see langword="null"/>: a <see cref="CodeSandbox"/> with default limits.</value>
    public CodeSandbox? Sandbox { get; set; }

    /// <summary>Gets or sets the model that reviews the passing candidates' code (1–10 each), the last tie-break of the ranking.</summary>
    /// <value>The default is <see langword="null"/>: no review. The review runs as a second stage named <c>review</c> when at least two candidates pass.</value>
    public IChatClient? Reviewer { get; set; }

    /// <summary>Gets or sets the options of the review call (for example the model).</summary>
    /// <value>The default is <see langword="null"/>: none. The review's copy gets a JSON-schema response format named <c>chorus_scores</c>.</value>
    public ChatOptions? ReviewOptions { get; set; }

    /// <summary>Gets or sets the task the candidates solved, shown to the reviewer.</summary>
    /// <value>The default is <see langword="null"/>: not shown.</value>
    public string? Task { get; set; }
}
