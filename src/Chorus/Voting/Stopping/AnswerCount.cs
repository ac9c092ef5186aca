namespace Chorus.Voting;

/// <summary>The votes for one answer (one normalized key) so far.</summary>
/// <param name="Key">The normalized answer.</param>
/// <param name="Votes">How many samples voted for it.</param>
/// <param name="Weight">The sum of those votes' weights; equal to <paramref name="Votes"/> when votes are unweighted.</param>
public readonly record struct AnswerCount(string Key, int Votes, double Weight);
