using Chorus.Aggregation;

namespace Chorus;

/// <content>The verifier-backed aggregator.</content>
public static partial class Aggregators
{
    /// <summary>A caller-supplied verifier scores every successful candidate (for example by running generated code's tests); the highest score wins.</summary>
    /// <param name="verifier">
    /// Scores one successful outcome; <see langword="null"/> (or NaN) rejects it. Called once per candidate, one at a time, in branch
    /// order, with the run's cancellation token. An exception rejects that candidate (recorded in the evidence) unless the token was cancelled.
    /// </param>
    /// <returns>
    /// An aggregator named <c>best-of</c>. Equal scores go to the candidate with fewer total tokens (from <see cref="BranchOutcome.Usage"/>;
    /// unknown usage counts as most expensive), then to the lower branch index. Completing throws <see cref="AggregationException"/>
    /// when no branch succeeded or every candidate was rejected; caller cancellation propagates.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="verifier"/> is <see langword="null"/>.</exception>
    public static IAggregator<BestOfResult> BestOf(Func<BranchOutcome, CancellationToken, ValueTask<double?>> verifier)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        return new BestOfAggregator(verifier);
    }
}
