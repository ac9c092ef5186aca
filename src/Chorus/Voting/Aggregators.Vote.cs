using Chorus.Voting;

namespace Chorus;

/// <content>The vote with a stopping rule.</content>
public static partial class Aggregators
{
    /// <summary>Counts each sample's extracted, normalized (and optionally weighted) answer as it lands, and stops the run when the stopping rule fires.</summary>
    /// <param name="options">Extraction, normalization, stopping rule, tie rule, weights and clustering; <see langword="null"/> for the defaults. <see cref="VoteOptions.MaxSamples"/> and <see cref="VoteOptions.Concurrency"/> are ignored here: the plan's branches and limits decide them.</param>
    /// <returns>
    /// An aggregator named <c>vote</c>. Its <see cref="IAggregation{TResult}.Add"/> returns <see langword="true"/> when the rule fires,
    /// so the runner cancels the samples in flight and starts no more; the result and the decision's evidence give the samples used,
    /// cancelled and skipped, the tokens of cancelled work, the rule's confidence and, with a clusterer, the clusters. Completing throws
    /// <see cref="AggregationException"/> when no sample produced an answer, or on a tie under <see cref="MajorityTieRule.NoDecision"/>.
    /// </returns>
    public static IAggregator<VoteResult> Vote(VoteOptions? options = null) => new VoteAggregator(options ?? new VoteOptions());
}
