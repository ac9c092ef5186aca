using Chorus.Aggregation;

namespace Chorus;

public static partial class Aggregators
{
    /// <summary>Releases the main answer only when a guard branch running beside it allows it; a veto cancels the main call at once.</summary>
    /// <param name="options">Which branch is the guard and what counts as a veto; <see langword="null"/> for the defaults.</param>
    /// <returns>
    /// An aggregator named <c>guard</c> for a plan with one guard branch and one main branch. Run both at once for speed
    /// (the main call is cancelled, its tokens so far counted, when the guard refuses), or with
    /// <see cref="RunLimits.MaxConcurrency"/> = 1 and the guard first to spend nothing on a refused request.
    /// </returns>
    public static IAggregator<GuardResult> Guarded(GuardOptions? options = null) =>
        new GuardAggregator(options ?? new GuardOptions());
}
