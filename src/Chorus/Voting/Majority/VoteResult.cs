using Microsoft.Extensions.AI;

namespace Chorus.Voting;

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
    double Margin)
{
    /// <summary>Gets the confidence in the winner, in [0, 1]: the stopping rule's (a posterior probability for the adaptive rule), else <see cref="Share"/>.</summary>
    public double Confidence { get; init; } = Share;

    /// <summary>Gets the winner's summed vote weight; equal to <see cref="Votes"/> when votes are unweighted.</summary>
    public double Weight { get; init; } = Votes;

    /// <summary>Gets the samples counted: <see cref="ValidVotes"/> plus <see cref="Abstentions"/>.</summary>
    public int SamplesUsed { get; init; } = ValidVotes + Abstentions;

    /// <summary>Gets the samples cancelled in flight when the vote stopped.</summary>
    public int SamplesCancelled { get; init; }

    /// <summary>Gets the samples never started because the vote had stopped.</summary>
    public int SamplesSkipped { get; init; }

    /// <summary>Gets the tokens charged (or estimated) for the samples cancelled in flight.</summary>
    public long CancelledTokens { get; init; }

    /// <summary>Gets the stopping rule that ended the vote before every sample was counted, or <see langword="null"/> when none did.</summary>
    public string? StoppedBy { get; init; }

    /// <summary>Gets every counted sample, in branch order; one per counted sample, for every vote.</summary>
    public IReadOnlyList<Ballot> Ballots { get; init; } = [];

    /// <summary>Gets the groups a clusterer formed (see <see cref="VoteAggregatorOptions.Clusterer"/>); empty when no clustering ran.</summary>
    public IReadOnlyList<AnswerCluster> Clusters { get; init; } = [];
}
