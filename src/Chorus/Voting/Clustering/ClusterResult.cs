namespace Chorus.Voting;

/// <summary>The clusterer's grouping, or why there is none.</summary>
internal sealed record ClusterResult(List<VoteGroup>? Groups, string? Error);
