namespace Chorus.Aggregation;

/// <summary>A branch whose section is missing from a <see cref="SectionedText"/> because it did not succeed.</summary>
/// <param name="Index">The branch's index.</param>
/// <param name="Label">The branch's label.</param>
/// <param name="Reason">Why it is missing, for example <c>timed out: The branch ran past its timeout.</c></param>
public sealed record MissingSection(int Index, string Label, string Reason);
