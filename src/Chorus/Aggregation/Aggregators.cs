using Chorus.Aggregation;
using Chorus.Voting;

namespace Chorus;

/// <summary>Creates the built-in aggregators, for example <c>new Plan&lt;VoteResult&gt;("q", branches, Aggregators.Majority())</c>.</summary>
/// <remarks>
/// Every aggregator returned is immutable configuration: the options are copied when it is created, so it can be shared
/// by any number of plans and runs, concurrently; each run gets fresh state from <see cref="IAggregator{TResult}.Begin"/>.
/// Failed, timed-out, cancelled and skipped branches are abstentions: they are counted and shown in the decision's evidence,
/// never used as answers.
/// </remarks>
public static partial class Aggregators
{
    /// <summary>Joins the branches' texts in branch order (sectioning), whatever order they finish in.</summary>
    /// <param name="options">How sections are rendered and joined; <see langword="null"/> for the defaults.</param>
    /// <returns>An aggregator named <c>concat</c>. It never settles early. Branches that did not succeed are listed in
    /// <see cref="SectionedText.Missing"/> and in the evidence; if none succeeded, completing throws <see cref="AggregationException"/>.</returns>
    public static IAggregator<SectionedText> Concat(ConcatOptions? options = null) =>
        new ConcatAggregator(options ?? new ConcatOptions());

    /// <summary>Extracts an answer from each response and returns the most common one.</summary>
    /// <param name="options">How answers are extracted, normalized and tied; <see langword="null"/> for the defaults.</param>
    /// <returns>
    /// An aggregator named <c>majority</c>. It settles as soon as the leader cannot be overtaken (see
    /// <see cref="MajorityVoteOptions.SettleWhenDecided"/>). When no branch produced an answer, or the vote is tied under
    /// <see cref="MajorityTieRule.NoDecision"/>, completing throws <see cref="AggregationException"/>.
    /// </returns>
    public static IAggregator<VoteResult> Majority(MajorityVoteOptions? options = null) =>
        new MajorityVoteAggregator(options ?? new MajorityVoteOptions());

    /// <summary>Collects the items (by default, lines) of every successful response, de-duplicated by a normalized key, with the branches that produced each.</summary>
    /// <param name="options">How items are extracted and compared; <see langword="null"/> for the defaults.</param>
    /// <returns>An aggregator named <c>union</c>. It never settles early. If no branch succeeded, completing throws <see cref="AggregationException"/>.</returns>
    public static IAggregator<UnionResult> Union(UnionOptions? options = null) =>
        new UnionAggregator(options ?? new UnionOptions());
}
