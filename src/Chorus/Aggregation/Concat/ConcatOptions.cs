namespace Chorus.Aggregation;

/// <summary>Options for <see cref="Aggregators.Concat"/>: how sections are rendered and joined.</summary>
/// <remarks>
/// Formats use the placeholders <c>{index}</c>, <c>{label}</c> and <c>{text}</c> (and <c>{reason}</c> for missing sections);
/// other braces are kept as they are. The aggregator copies the values when it is created.
/// </remarks>
public sealed class ConcatOptions
{
    /// <summary>Gets or sets the text placed between two sections.</summary>
    /// <value>The default is a blank line (<c>"\n\n"</c>). Must not be <see langword="null"/>.</value>
    /// <exception cref="ArgumentNullException">The value is <see langword="null"/>.</exception>
    public string Separator
    {
        get;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            field = value;
        }
    } = ConcatConstants.DefaultSeparator;

    /// <summary>Gets or sets how one section is rendered, for example <c>"## {label}\n\n{text}"</c> for a heading per section.</summary>
    /// <value>The default is <c>"{text}"</c>: the text alone. Must not be <see langword="null"/>.</value>
    /// <exception cref="ArgumentNullException">The value is <see langword="null"/>.</exception>
    public string SectionFormat
    {
        get;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            field = value;
        }
    } = ConcatConstants.DefaultSectionFormat;

    /// <summary>Gets or sets how a missing section is rendered in the text, for example <c>"[{label} is missing: {reason}]"</c>.</summary>
    /// <value>
    /// The default is <see langword="null"/>: missing sections are left out of the text (they are still listed in
    /// <see cref="SectionedText.Missing"/> and in the decision's evidence).
    /// </value>
    public string? MissingSectionFormat { get; set; }
}
