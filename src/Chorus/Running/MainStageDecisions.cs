namespace Chorus.Running;

/// <summary>Feeds main-stage outcomes to the failure policy and the aggregator, one at a time, and stops the run when either says so.</summary>
/// <remarks>
/// Called on the worker that produced the outcome, before it takes another branch, so nothing new starts after the
/// answer is settled or the policy has failed. The lock is never held across an await or while cancelling.
/// </remarks>
internal sealed class MainStageDecisions<TResult>(
    RunSession session, PolicyGate gate, IAggregation<TResult> aggregation, CancellationTokenSource stop, CancellationToken caller)
{
    private readonly object _sync = new();
    private bool _stopped;
    private bool _settled;

    /// <summary>Gets a value indicating whether the aggregator settled the answer (as opposed to the policy stopping the run).</summary>
    public bool Settled
    {
        get
        {
            lock (_sync)
            {
                return _settled;
            }
        }
    }

    public void Observe(BranchOutcome outcome)
    {
        string? reason;
        lock (_sync)
        {
            if (_stopped || caller.IsCancellationRequested)
            {
                return;
            }

            reason = gate.Observe(outcome);
            // A branch the spend cap kept from starting is an abstention; one the run no longer needed is not counted at all.
            if (reason is null && (outcome.Status != BranchStatus.Skipped || outcome.Error is SpendCapException) && aggregation.Add(outcome))
            {
                reason = "settled";
            }

            _stopped = reason is not null;
            _settled = reason == "settled";
        }

        if (reason is not null)
        {
            bool settled = reason == "settled";
            session.Event(settled ? TimelineEventKind.Settled : TimelineEventKind.PolicyFailed, outcome.Label, RunStages.Main, settled ? "the answer is settled; cancelling the rest" : gate.Reason);
            stop.Cancel();
        }
    }
}
