namespace Chorus.Recipes;

/// <summary>Options for <see cref="MapReduce.SummarizeAsync"/>.</summary>
/// <remarks>Copied when the call starts.</remarks>
public sealed class MapReduceOptions
{
    /// <summary>Gets or sets the most tokens of document text in one map call.</summary>
    /// <value>The default is 800. Must be positive.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int ChunkTokens
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            field = value;
        }
    } = 800;

    /// <summary>Gets or sets the most tokens of notes in one reduce call; when the notes exceed it they are reduced in groups, level by level.</summary>
    /// <value>The default is 3000. Must be positive.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int ContextTokens
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            field = value;
        }
    } = 3000;

    /// <summary>Gets or sets the map prompt; <c>{text}</c> is the chunk.</summary>
    /// <value>The default is <see cref="MapReducePrompts.Map"/>. Must contain <c>{text}</c>.</value>
    /// <exception cref="ArgumentException">The value is blank or lacks <c>{text}</c>.</exception>
    public string MapPrompt
    {
        get;
        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            if (!value.Contains("{text}", StringComparison.Ordinal))
            {
                throw new ArgumentException($"{nameof(MapPrompt)} must contain {{text}}; got '{value}'.", nameof(value));
            }

            field = value;
        }
    } = MapReducePrompts.Map;

    /// <summary>Gets or sets the reduce prompt; <c>{notes}</c> is the notes, one per line, each starting with its id in brackets.</summary>
    /// <value>The default is <see cref="MapReducePrompts.Reduce"/>. Must contain <c>{notes}</c>.</value>
    /// <exception cref="ArgumentException">The value is blank or lacks <c>{notes}</c>.</exception>
    public string ReducePrompt
    {
        get;
        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            if (!value.Contains("{notes}", StringComparison.Ordinal))
            {
                throw new ArgumentException($"{nameof(ReducePrompt)} must contain {{notes}}; got '{value}'.", nameof(value));
            }

            field = value;
        }
    } = MapReducePrompts.Reduce;

    /// <summary>Gets or sets the runner of the map and reduce plans.</summary>
    /// <value>The default is <see langword="null"/>: <see cref="PlanRunner.Default"/>.</value>
    public PlanRunner? Runner { get; set; }

    /// <summary>Gets or sets the limits of each plan (concurrency, timeouts).</summary>
    /// <value>The default is <see langword="null"/>: <see cref="RunLimits"/> defaults.</value>
    public RunLimits? Limits { get; set; }

    /// <summary>Gets or sets how tokens are counted.</summary>
    /// <value>The default is <see langword="null"/>: about four characters per token.</value>
    public Func<string, int>? TokenCounter { get; set; }
}
