namespace Chorus.Aggregation;

/// <summary>Options for <see cref="Aggregators.Union"/>: how items are found in a response and when two items are the same.</summary>
/// <remarks>The aggregator copies the values when it is created; the delegates must be safe to call from several runs at once.</remarks>
public sealed class UnionOptions
{
    /// <summary>Gets or sets the function that splits a response's text into items.</summary>
    /// <value>
    /// The default takes every non-blank line, trimmed, with one bullet (<c>-</c>, <c>*</c>, <c>+</c>, <c>•</c>) or
    /// number (<c>1.</c>, <c>1)</c>) prefix removed. Must not be <see langword="null"/>.
    /// </value>
    /// <exception cref="ArgumentNullException">The value is <see langword="null"/>.</exception>
    public Func<string, IEnumerable<string>> ItemExtractor
    {
        get;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            field = value;
        }
    } = UnionHelper.ExtractItems;

    /// <summary>Gets or sets the function that maps an item to the key it is de-duplicated on; items with an empty key are dropped.</summary>
    /// <value>
    /// The default trims, lower-cases (invariant culture), collapses runs of white space to one space and strips trailing
    /// punctuation (<c>. , ; : ! ?</c>). Must not be <see langword="null"/>.
    /// </value>
    /// <exception cref="ArgumentNullException">The value is <see langword="null"/>.</exception>
    public Func<string, string> KeyNormalizer
    {
        get;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            field = value;
        }
    } = TextNormalization.Normalize;
}
