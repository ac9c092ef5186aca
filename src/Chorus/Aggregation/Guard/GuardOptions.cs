namespace Chorus.Aggregation;

/// <summary>Options for <see cref="Aggregators.Guarded"/>: which branch is the guard and what counts as a veto.</summary>
public sealed class GuardOptions
{
    /// <summary>Gets or sets the label of the guard branch; every other branch is the main answer.</summary>
    /// <value>The default is <c>guard</c>. Must not be blank.</value>
    public string GuardLabel
    {
        get;
        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            field = value;
        }
    } = "guard";

    /// <summary>Gets or sets the test of the guard's text that means "refuse".</summary>
    /// <value>The default is <see cref="StartsWithUnsafe"/>: the text, trimmed, starts with <c>UNSAFE</c> (any case).</value>
    public Func<string, bool> IsViolation
    {
        get;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            field = value;
        }
    } = StartsWithUnsafe;

    /// <summary>Gets or sets a value indicating whether the answer is released when the guard itself fails (fail open).</summary>
    /// <value>The default is <see langword="false"/>: a guard that fails or times out vetoes the answer (fail closed).</value>
    public bool FailOpen { get; set; }

    /// <summary>The default veto test: the text, trimmed, starts with <c>UNSAFE</c>, ignoring case.</summary>
    /// <param name="text">The guard's text.</param>
    /// <returns><see langword="true"/> when the guard refused.</returns>
    public static bool StartsWithUnsafe(string text) =>
        text is not null && text.TrimStart().StartsWith("UNSAFE", StringComparison.OrdinalIgnoreCase);
}
