namespace Chorus.Running;

/// <summary>Feeds main-stage outcomes to the failure policy and the aggregator, one at a time, and stops the run when either says so.</summary>
/// <remarks>
/// Called on the worker that produced the outcome, before it takes another branch, so nothing new starts after the
/// answer is settled or the policy has failed. The lock is never held across an await or while cancelling.
/// Every finished outcome is counted, including one that lands after the stop: outcomes land together, and an
/// answer that was paid for and arrived must not be dropped because a sibling settled first. Only work the stop
/// itself ended (cancelled in flight, or never started) is left out.
/// </remarks>
internal sealed class MainStageDecisions<TResult>(
    RunSession session, PolicyGate gate, IAggregation<TResult> aggregation, CancellationTokenSource stop, CancellationToken caller)
{
    private readonly object _sync = new();
    private bool _stopped;
    private bool _settled;
    private bool _aggregatorSettled;

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

    /// <summary>Says whether the aggregator is given an outcome: everything but the work the run's own stop ended.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <returns><see langword="true"/> unless the branch was cancelled in flight or never started for a reason other than the spend cap.</returns>
    /// <remarks>A branch the spend cap kept from starting is an abstention; one the run no longer needed is not counted at all.</remarks>
    public static bool IsCounted(BranchOutcome outcome) =>
        outcome.Status switch
        {
            BranchStatus.Cancelled => false,
            BranchStatus.Skipped => outcome.Error is SpendCapException,
            _ => true,
        };

    public void Observe(BranchOutcome outcome)
    {
        string? reason;
        lock (_sync)
        {
            if (caller.IsCancellationRequested)
            {
                return;
            }

            bool wasStopped = _stopped;
            reason = gate.Observe(outcome, canStop: !wasStopped);
            _aggregatorSettled |= IsCounted(outcome) && aggregation.Add(outcome);
            if (wasStopped)
            {
                // Landed after the stop: counted above, but the decision to stop was already made and carried out.
                return;
            }

            // A settled answer waits for the quorum: stopping short of it would fail the run the policy asked to succeed.
            if (reason is null && _aggregatorSettled && gate.QuorumMet)
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
