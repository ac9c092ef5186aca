namespace Chorus.Running;

/// <summary>Applies a failure policy to outcomes as they arrive: says when the run must stop, and whether it failed.</summary>
internal sealed class PolicyGate(FailurePolicy policy, int branchCount)
{
    private int _failures;
    private int _successes;
    private int _capped;
    private BranchOutcome? _culprit;

    /// <summary>Gets a value indicating whether enough branches succeeded for the policy: a settled answer may stop the run only then.</summary>
    public bool QuorumMet => policy.Kind != FailurePolicyKind.Quorum || _successes >= policy.RequiredSuccesses;

    /// <summary>Gets why the policy failed, once it has.</summary>
    public string? Reason { get; private set; }

    /// <summary>Takes one outcome; returns a stop reason when the policy has failed and the rest should be cancelled.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <param name="canStop"><see langword="false"/> once the run has stopped: the outcome is still counted, but decides nothing.</param>
    public string? Observe(BranchOutcome outcome, bool canStop = true)
    {
        if (outcome.Succeeded)
        {
            _successes++;
            return null;
        }

        if (outcome.Status is BranchStatus.Cancelled || (outcome.Status is BranchStatus.Skipped && outcome.Error is not SpendCapException))
        {
            // Ended by the run's own stop, which waits for the quorum (see QuorumMet); the caller's cancellation never reaches a verdict.
            return null;
        }

        if (outcome.Status is not (BranchStatus.Failed or BranchStatus.TimedOut))
        {
            // Kept from starting by the spend cap: not the branch's failure, but no success either.
            _capped++;
            return canStop && Reason is null && policy.Kind == FailurePolicyKind.Quorum && branchCount - _failures - _capped < policy.RequiredSuccesses
                ? QuorumLost(outcome)
                : null;
        }

        _failures++;
        if (!canStop || Reason is not null)
        {
            return null;
        }

        switch (policy.Kind)
        {
            case FailurePolicyKind.FailFast:
                _culprit = outcome;
                Reason = $"branch '{outcome.Label}' {WireNames.Of(outcome.Status).Replace('_', ' ')} and the policy is fail-fast: {outcome.Error?.Message}";
                return "fail_fast";
            case FailurePolicyKind.Quorum when branchCount - _failures - _capped < policy.RequiredSuccesses:
                return QuorumLost(outcome);
            default:
                return null;
        }
    }

    private string QuorumLost(BranchOutcome outcome)
    {
        _culprit = outcome;
        string last = outcome.Error is SpendCapException ? "kept from starting by the spend cap" : outcome.Error?.Message ?? "no answer";
        Reason = $"the quorum of {policy.RequiredSuccesses} of {branchCount} can no longer be reached: {_failures} branches failed"
            + (_capped > 0 ? $" and {_capped} were kept from starting by the spend cap" : string.Empty)
            + $" (last: '{outcome.Label}': {last})";
        return "quorum_lost";
    }

    /// <summary>Says whether the policy failed, and why, after the stage has ended.</summary>
    /// <param name="reason">Why the run failed, when it did.</param>
    /// <param name="culprit">The branch whose failure decided it, when one did.</param>
    /// <remarks>
    /// The quorum is checked against every way a branch can end without an answer: failed, timed out, kept from
    /// starting by the spend cap or the deadline, or let go. A settled answer stops the run only once the quorum is met
    /// (<see cref="QuorumMet"/>), so letting branches go never breaks it.
    /// </remarks>
    public bool Failed(out string? reason, out BranchOutcome? culprit)
    {
        culprit = _culprit;
        if (Reason is null && policy.Kind == FailurePolicyKind.Quorum && _successes < policy.RequiredSuccesses)
        {
            Reason = $"the quorum of {policy.RequiredSuccesses} of {branchCount} was not reached: {_successes} succeeded, {_failures} failed"
                + (_capped > 0 ? $", {_capped} kept from starting by the spend cap" : string.Empty);
        }

        reason = Reason is null ? null : $"The run failed: {Reason}.";
        return Reason is not null;
    }
}
