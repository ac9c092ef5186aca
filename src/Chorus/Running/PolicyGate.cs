namespace Chorus.Running;

/// <summary>Applies a failure policy to outcomes as they arrive: says when the run must stop, and whether it failed.</summary>
internal sealed class PolicyGate(FailurePolicy policy, int branchCount)
{
    private int _failures;
    private int _successes;
    private BranchOutcome? _culprit;

    /// <summary>Gets why the policy failed, once it has.</summary>
    public string? Reason { get; private set; }

    /// <summary>Takes one outcome; returns a stop reason when the policy has failed and the rest should be cancelled.</summary>
    public string? Observe(BranchOutcome outcome)
    {
        if (outcome.Succeeded)
        {
            _successes++;
            return null;
        }

        if (outcome.Status is not (BranchStatus.Failed or BranchStatus.TimedOut))
        {
            return null;
        }

        _failures++;
        switch (policy.Kind)
        {
            case FailurePolicyKind.FailFast:
                _culprit = outcome;
                Reason = $"branch '{outcome.Label}' {WireNames.Of(outcome.Status).Replace('_', ' ')} and the policy is fail-fast: {outcome.Error?.Message}";
                return "fail_fast";
            case FailurePolicyKind.Quorum when branchCount - _failures < policy.RequiredSuccesses:
                _culprit = outcome;
                Reason = $"the quorum of {policy.RequiredSuccesses} of {branchCount} can no longer be reached: {_failures} branches failed (last: '{outcome.Label}': {outcome.Error?.Message})";
                return "quorum_lost";
            default:
                return null;
        }
    }

    /// <summary>Says whether the policy failed, and why, after the stage has ended.</summary>
    /// <param name="settled">Whether the aggregator settled early: branches it let go were cancelled, not failed, so a quorum
    /// that only failures could break still holds (failures that break it stop the run before it settles).</param>
    /// <param name="reason">Why the run failed, when it did.</param>
    /// <param name="culprit">The branch whose failure decided it, when one did.</param>
    public bool Failed(bool settled, out string? reason, out BranchOutcome? culprit)
    {
        culprit = _culprit;
        if (Reason is null && !settled && policy.Kind == FailurePolicyKind.Quorum && _successes < policy.RequiredSuccesses)
        {
            Reason = $"the quorum of {policy.RequiredSuccesses} of {branchCount} was not reached: {_successes} succeeded, {_failures} failed";
        }

        reason = Reason is null ? null : $"The run failed: {Reason}.";
        return Reason is not null;
    }
}
