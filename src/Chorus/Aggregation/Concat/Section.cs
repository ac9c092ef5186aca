namespace Chorus.Aggregation;

/// <summary>One branch's part of a <see cref="SectionedText"/>.</summary>
/// <param name="Index">The branch's index; sections are always in branch order.</param>
/// <param name="Label">The branch's label, which says where the text came from.</param>
/// <param name="Text">The branch's response text.</param>
public sealed record Section(int Index, string Label, string Text);
