namespace Chorus.Voting;

/// <summary>One counted sample of a vote: who cast it, what it answered, and how much it weighed.</summary>
/// <param name="Index">The sample's branch index.</param>
/// <param name="Label">The sample's branch label.</param>
/// <param name="Voter">The voter: a panel member's label, else the model that answered, else the label.</param>
/// <param name="Status">How the sample's branch ended.</param>
/// <param name="Answer">The extracted answer, or <see langword="null"/> when the sample abstained.</param>
/// <param name="Key">The normalized answer the vote was counted on, or <see langword="null"/> when the sample abstained.</param>
/// <param name="Weight">The vote's weight; 0 for an abstention.</param>
public sealed record Ballot(int Index, string Label, string Voter, BranchStatus Status, string? Answer, string? Key, double Weight);
