namespace Chorus.Aggregation;

/// <summary>The branches' texts joined in branch order, with where each part came from.</summary>
/// <param name="Text">The joined text, rendered with <see cref="ConcatOptions.SectionFormat"/> and <see cref="ConcatOptions.Separator"/>.</param>
/// <param name="Sections">The sections that succeeded, in branch order whatever order they finished in.</param>
/// <param name="Missing">The branches that did not succeed, in branch order; never silently dropped.</param>
public sealed record SectionedText(string Text, IReadOnlyList<Section> Sections, IReadOnlyList<MissingSection> Missing);
