using Microsoft.Extensions.AI;

namespace Chorus;

/// <summary>The outcome of a majority vote.</summary>
/// <param name="Answer">The winning answer as the lowest-index branch that voted for it gave it (extracted, trimmed, not normalized).</param>
/// <param name="NormalizedAnswer">The normalized form that the votes were counted on.</param>
/// <param name="Response">The full response of the lowest-index branch that voted for the winner.</param>
/// <param name="Votes">The votes for the winner.</param>
/// <param name="ValidVotes">The votes cast for any answer.</param>
/// <param name="Abstentions">The counted branches that cast no vote: failed, timed out, cancelled, skipped, or no extractable answer.</param>
/// <param name="Share">The winner's share of the valid votes, in (0, 1].</param>
/// <param name="Margin">The winner's lead over the runner-up as a share of the valid votes, in [0, 1]; 0 when a tie rule decided.</param>
public sealed record VoteResult(
    string Answer,
    string NormalizedAnswer,
    ChatResponse Response,
    int Votes,
    int ValidVotes,
    int Abstentions,
    double Share,
    double Margin);
