namespace Chorus;

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
                Reason = $"branch '{outcome.Label}' {ReportBuilder.StatusName(outcome.Status).Replace('_', ' ')} and the policy is fail-fast: {outcome.Error?.Message}";
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
    public bool Failed(out string? reason, out BranchOutcome? culprit)
    {
        culprit = _culprit;
        if (Reason is null && policy.Kind == FailurePolicyKind.Quorum && _successes < policy.RequiredSuccesses)
        {
            Reason = $"the quorum of {policy.RequiredSuccesses} of {branchCount} was not reached: {_successes} succeeded, {_failures} failed";
        }

        reason = Reason is null ? null : $"The run failed: {Reason}.";
        return Reason is not null;
    }
}
