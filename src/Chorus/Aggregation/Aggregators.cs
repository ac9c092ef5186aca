using Chorus.Aggregation;

namespace Chorus;

/// <summary>Creates the built-in aggregators, for example <c>Aggregators.Concat()</c> or <c>Aggregators.Majority()</c>.</summary>
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


    /// <summary>Collects the items (by default, lines) of every successful response, de-duplicated by a normalized key, with the branches that produced each.</summary>
    /// <param name="options">How items are extracted and compared; <see langword="null"/> for the defaults.</param>
    /// <returns>An aggregator named <c>union</c>. It never settles early. If no branch succeeded, completing throws <see cref="AggregationException"/>.</returns>
    public static IAggregator<UnionResult> Union(UnionOptions? options = null) =>
        new UnionAggregator(options ?? new UnionOptions());
}
