namespace Chorus.Voting;

/// <summary>Answers a clusterer judged to mean the same, counted as one.</summary>
/// <param name="Key">The cluster's representative: its member with the most weight.</param>
/// <param name="Members">Every normalized answer in the cluster, most weight first.</param>
/// <param name="Votes">The votes for all members.</param>
/// <param name="Weight">The summed weight of those votes.</param>
public sealed record AnswerCluster(string Key, IReadOnlyList<string> Members, int Votes, double Weight);
