using Chorus.Estimation;

namespace Chorus;

/// <summary>Implemented by aggregators that run a second stage of model calls, so <see cref="PlanEstimator"/> can count them before the run.</summary>
internal interface IFollowUpEstimator
{
    /// <summary>Describes the follow-up calls for a run whose main stage produces <paramref name="candidates"/> answers of about <paramref name="tokensPerCandidate"/> tokens each.</summary>
    IReadOnlyList<FollowUpCall> FollowUpCalls(int candidates, long tokensPerCandidate);
}
