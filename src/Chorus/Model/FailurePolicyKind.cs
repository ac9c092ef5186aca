namespace Chorus;

/// <summary>How a run treats branches that fail.</summary>
public enum FailurePolicyKind
{
    /// <summary>The first failure cancels every other branch and fails the run.</summary>
    FailFast,

    /// <summary>At least <see cref="FailurePolicy.RequiredSuccesses"/> branches must succeed; failures are abstentions.</summary>
    Quorum,

    /// <summary>Failures are abstentions; the aggregator decides with whatever succeeded.</summary>
    BestEffort,
}
