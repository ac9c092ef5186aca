namespace Chorus.Aggregation;

/// <summary>What a pairwise judge returns: <c>{"choice":"A"|"B"|"tie","reason":"..."}</c>; its schema comes from the exporter.</summary>
/// <param name="Choice">The id of the better candidate as shown (<c>A</c> or <c>B</c>), or <c>tie</c>.</param>
/// <param name="Reason">Why, in one sentence.</param>
internal sealed record PairwiseVerdictDto(string Choice, string Reason);
