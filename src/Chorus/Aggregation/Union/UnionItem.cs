namespace Chorus.Aggregation;

/// <summary>One de-duplicated item of a <see cref="UnionResult"/>.</summary>
/// <param name="Text">The item as the first branch (in branch order) that produced it wrote it.</param>
/// <param name="Sources">The labels of every branch that produced the item, in branch order.</param>
public sealed record UnionItem(string Text, IReadOnlyList<string> Sources);
