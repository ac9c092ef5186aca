using Chorus.Voting;

namespace Chorus;

/// <content>The votes: majority and the vote with a stopping rule, both on one engine.</content>
public static partial class Aggregators
{
    /// <summary>Extracts an answer from each response and returns the most common one: the vote engine with no weights, no clustering and no stopping rule of its own.</summary>
    /// <param name="options">How answers are extracted, normalized and tied; <see langword="null"/> for the defaults.</param>
    /// <returns>
    /// An aggregator named <c>majority</c>. It settles as soon as the leader cannot be overtaken (see
    /// <see cref="MajorityVoteOptions.SettleWhenDecided"/>). When no branch produced an answer, or the vote is tied under
    /// <see cref="MajorityTieRule.NoDecision"/>, completing throws <see cref="AggregationException"/>.
    /// </returns>
    public static IAggregator<VoteResult> Majority(MajorityVoteOptions? options = null) =>
        VoteAggregator.Majority(options ?? new MajorityVoteOptions());

    /// <summary>Counts each sample's extracted, normalized (and optionally weighted) answer as it lands, and stops the run when the stopping rule fires.</summary>
    /// <param name="options">Extraction, normalization, stopping rule, tie rule, weights and clustering; <see langword="null"/> for the defaults. How many samples and how many at once are the plan's: its branches and limits.</param>
    /// <returns>
    /// An aggregator named <c>vote</c>. Its <see cref="IAggregation{TResult}.Add"/> returns <see langword="true"/> when the rule fires,
    /// so the runner cancels the samples in flight and starts no more; the result and the decision's evidence give the samples used,
    /// cancelled and skipped, the tokens of cancelled work, the rule's confidence and, with a clusterer, the clusters. Completing throws
    /// <see cref="AggregationException"/> when no sample produced an answer, or on a tie under <see cref="MajorityTieRule.NoDecision"/>.
    /// </returns>
    public static IAggregator<VoteResult> Vote(VoteAggregatorOptions? options = null) => new VoteAggregator(options ?? new VoteAggregatorOptions());
}
