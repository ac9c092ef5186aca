namespace Chorus.Aggregation;

/// <summary>The de-duplicated items of all successful branches.</summary>
/// <param name="Items">The items, in order of first occurrence in branch order (then position in the response), whatever order the branches finished in.</param>
public sealed record UnionResult(IReadOnlyList<UnionItem> Items);
