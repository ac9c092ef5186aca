using System.Diagnostics;
using Microsoft.Extensions.AI;
using Chorus.Diagnostics;
using Chorus.Estimation;
using Chorus.Journaling;

namespace Chorus.Running;

/// <summary>Runs one branch: its call, its fallback, its timeout, and the outcome that records all of it. Never throws.</summary>
internal static class BranchExecutor
{
    // lookup: the branch's journal keys, looked up by the stage before it started (default without a journal). Hits never
    // get here: the stage replays them all before any worker starts, and skips them once the run has stopped.
    public static async Task<BranchOutcome> RunAsync(
        RunSession session, string stage, int index, Branch branch, RunLimits limits, StageTokens tokens, TimeSpan queuedAt, JournalLookup lookup, CancellationToken stageToken)
    {
        Debug.Assert(lookup.Record is null, "Journal hits are replayed by the stage, never run.");
        IBranchJournal? journal = session.Settings.Journal;

        BranchEstimate? reservation = null;
        if (session.Budget is { } budget)
        {
            BranchEstimate reserved;
            SpendCapException? refusal;
            try
            {
                (reserved, refusal) = await budget.ReserveAsync(
                    branch, stage, wait => session.Event(TimelineEventKind.CapWait, branch.Label, stage, $"waiting for branches in flight to release their reservations: {wait.Message}"), stageToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stageToken.IsCancellationRequested)
            {
                // The run stopped while the branch waited for room under the cap: it never started.
                return NotStarted(session, stage, index, branch, limits, tokens, queuedAt);
            }

            if (refusal is not null)
            {
                return OverBudget(session, stage, index, branch, refusal, queuedAt);
            }

            reservation = reserved;
        }

        TimeSpan startedAt = session.Now;
        session.Event(TimelineEventKind.Started, branch.Label, stage);
        using Activity? activity = ChorusTelemetry.Source.StartActivity("chorus.branch");
        activity?.SetTag(GenAiAttributes.BranchLabel, branch.Label);
        activity?.SetTag(GenAiAttributes.BranchIndex, index);
        activity?.SetTag(GenAiAttributes.BranchStage, stage);

        // Only a branch with its own timeout pays for a linked token source.
        using CancellationTokenSource? timeout = limits.BranchTimeout is { } t ? new CancellationTokenSource(t, session.Time) : null;
        using CancellationTokenSource? linked = timeout is null ? null : CancellationTokenSource.CreateLinkedTokenSource(stageToken, timeout.Token);
        CancellationToken token = linked?.Token ?? stageToken;

        var context = new BranchContext(session, branch.Label, stage, index, stage != RunStages.Main);
        BranchContext.Swap(context);    // flows into the client's middleware; restored when this async method returns
        var attempts = new List<AttemptRecord>(1);
        var call = new CallContext(session, branch, stage, attempts, context);
        CallResult result = await call.InvokeAsync(branch.Client, branch.Options, AttemptKind.Call, token).ConfigureAwait(false);
        UsageDetails? usage = result.Usage;
        bool usedFallback = false;
        BranchStatus status = Classify(result, tokens, timeout, out Exception? error, branch, limits);
        if (status == BranchStatus.TimedOut && tokens.Deadline.IsCancellationRequested)
        {
            session.NoteDeadline(limits.Deadline);
        }

        if (status == BranchStatus.Failed && branch.FallbackClient is { } fallbackClient)
        {
            session.Event(TimelineEventKind.Fallback, branch.Label, stage, error?.Message);
            CallResult second = await call.InvokeAsync(fallbackClient, branch.FallbackOptions ?? branch.Options, AttemptKind.Fallback, token).ConfigureAwait(false);
            usage = Sum(usage, second.Usage);
            status = Classify(second, tokens, timeout, out Exception? secondError, branch, limits);
            if (status == BranchStatus.Succeeded)
            {
                usedFallback = true;
                result = second;
                error = null;
            }
            else if (secondError is not null)
            {
                error = new AggregateException($"Branch '{branch.Label}' failed, and so did its fallback: {error?.Message} / {secondError.Message}", error!, secondError);
                result = second;
            }
        }

        TimeSpan finishedAt = session.Now;
        if (reservation is not null)
        {
            session.Budget!.Settle(reservation, usage, result.Model);
        }

        if (journal is not null && status == BranchStatus.Succeeded)
        {
            await BranchJournaling.RecordAsync(session, journal, branch, stage, index, lookup, result, usage, usedFallback, finishedAt - startedAt).ConfigureAwait(false);
        }

        string statusName = WireNames.Of(status);
        session.Event(WireNames.EventOf(status), branch.Label, stage, error?.Message);
        activity?.SetTag(GenAiAttributes.BranchStatus, statusName);
        // A branch the run let go is a normal end ("stopped early"), not an error span.
        if (error is StoppedEarlyException)
        {
            activity?.SetTag(GenAiAttributes.BranchStoppedEarly, true);
        }
        else if (error is not null)
        {
            activity?.SetStatus(ActivityStatusCode.Error, error.Message);
        }

        ChorusTelemetry.Branches.Add(1, new KeyValuePair<string, object?>(GenAiAttributes.BranchStatus, statusName));
        BranchCounters counters = context.Snapshot();
        return new BranchOutcome
        {
            ThrottleWait = counters.ThrottleWait,
            Http429 = counters.Http429,
            Hedges = counters.Hedges,
            HedgesWon = counters.HedgesWon,
            Index = index,
            Label = branch.Label,
            Stage = stage,
            Status = status,
            Response = result.Response,
            Usage = usage,
            Model = result.Model,
            Error = error,
            Timing = new BranchTiming(queuedAt, startedAt, result.FirstTokenAt, finishedAt),
            Attempts = attempts,
            UsedFallback = usedFallback,
        };
    }

    /// <summary>The outcome of a branch that never started: the run stopped, was cancelled or ran out of time first.</summary>
    public static BranchOutcome NotStarted(RunSession session, string stage, int index, Branch branch, RunLimits limits, StageTokens tokens, TimeSpan queuedAt)
    {
        bool deadline = tokens.Deadline.IsCancellationRequested && !tokens.Caller.IsCancellationRequested && !tokens.Stop.IsCancellationRequested;
        if (deadline)
        {
            session.NoteDeadline(limits.Deadline);
        }

        BranchStatus status = deadline ? BranchStatus.TimedOut : BranchStatus.Skipped;
        Exception error = deadline
            ? new TimeoutException($"Branch '{branch.Label}' never started: the run's deadline was reached first.")
            : tokens.Caller.IsCancellationRequested
                ? new OperationCanceledException($"Branch '{branch.Label}' was not started: {StopReason(tokens)}.")
                : new StoppedEarlyException($"Branch '{branch.Label}' was not started: {StopReason(tokens)}.");
        session.Event(WireNames.EventOf(status), branch.Label, stage, error.Message);
        ChorusTelemetry.Branches.Add(1, new KeyValuePair<string, object?>(GenAiAttributes.BranchStatus, WireNames.Of(status)));
        TimeSpan now = session.Now;
        return new BranchOutcome
        {
            Index = index,
            Label = branch.Label,
            Stage = stage,
            Status = status,
            Error = error,
            Timing = new BranchTiming(queuedAt, null, null, now),
        };
    }

    /// <summary>The outcome of a branch the spend cap kept from starting: skipped, an abstention.</summary>
    private static BranchOutcome OverBudget(RunSession session, string stage, int index, Branch branch, SpendCapException refusal, TimeSpan queuedAt)
    {
        session.Event(TimelineEventKind.Skipped, branch.Label, stage, refusal.Message);
        ChorusTelemetry.Branches.Add(1, new KeyValuePair<string, object?>(GenAiAttributes.BranchStatus, WireNames.Of(BranchStatus.Skipped)));
        return new BranchOutcome
        {
            Index = index,
            Label = branch.Label,
            Stage = stage,
            Status = BranchStatus.Skipped,
            Error = refusal,
            Timing = new BranchTiming(queuedAt, null, null, session.Now),
        };
    }

    private static string StopReason(StageTokens tokens) =>
        tokens.Caller.IsCancellationRequested ? "the caller cancelled the run" : "the run no longer needed it";

    private static BranchStatus Classify(CallResult result, StageTokens tokens, CancellationTokenSource? timeout, out Exception? error, Branch branch, RunLimits limits)
    {
        error = result.Error;
        if (error is null)
        {
            return BranchStatus.Succeeded;
        }

        // Which token fired decides what the failure means; the caller's cancellation is never the branch's fault.
        if (tokens.Caller.IsCancellationRequested)
        {
            return BranchStatus.Cancelled;
        }

        if (tokens.Stop.IsCancellationRequested)
        {
            error = new StoppedEarlyException($"Branch '{branch.Label}' was cancelled: the run no longer needed it.", error);
            return BranchStatus.Cancelled;
        }

        if (tokens.Deadline.IsCancellationRequested)
        {
            error = new TimeoutException($"Branch '{branch.Label}' was still running at the run's deadline of {limits.Deadline}.", error);
            return BranchStatus.TimedOut;
        }

        if (timeout?.IsCancellationRequested == true)
        {
            error = new TimeoutException($"Branch '{branch.Label}' ran past its timeout of {limits.BranchTimeout}.", error);
            return BranchStatus.TimedOut;
        }

        return BranchStatus.Failed;
    }

    internal static UsageDetails? Sum(UsageDetails? a, UsageDetails? b)
    {
        if (a is null)
        {
            return b;
        }

        if (b is null)
        {
            return a;
        }

        var sum = new UsageDetails();
        sum.Add(a);
        sum.Add(b);
        return sum;
    }
}
