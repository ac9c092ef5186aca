namespace Chorus.Aggregation;

/// <summary>Two or more sections set one field to different values; the merge kept the first (in branch order) and lists them all.</summary>
/// <param name="Field">The field's path, for example <c>destination</c> or <c>logistics.hotel</c>.</param>
/// <param name="KeptFrom">The label of the section whose value was kept (the earliest branch that set it).</param>
/// <param name="Values">Every section's value for the field, as JSON, in branch order.</param>
public sealed record MergeConflict(string Field, string KeptFrom, IReadOnlyList<SectionValue> Values);

/// <summary>One section's value for a field.</summary>
/// <param name="Section">The section's branch label.</param>
/// <param name="Json">The value, as JSON.</param>
public sealed record SectionValue(string Section, string Json);
