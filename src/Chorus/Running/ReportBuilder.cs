using Chorus.Estimation;
using Chorus.Internal;
using Chorus.Reporting;

namespace Chorus.Running;

/// <summary>Builds a <see cref="RunReport"/> from a run's outcomes and timeline.</summary>
internal static class ReportBuilder
{
    public static RunReport Build(
        RunSession session,
        string strategy,
        FailurePolicy policy,
        IReadOnlyList<BranchOutcome> outcomes,
        AggregationDecision? decision,
        string? error)
    {
        PriceTable prices = session.Settings.Prices;
        double wallMs = session.Now.TotalMilliseconds;
        var branches = new BranchReport[outcomes.Count];
        double sequentialMs = 0, queueWaitMs = 0;
        long input = 0, output = 0, successTokens = 0;
        int attempts = 0, retries = 0, succeeded = 0, failed = 0, cancelled = 0, successCalls = 0, http429 = 0, hedges = 0, hedgesWon = 0;
        long wasted = 0;
        double throttleMs = 0, inFlightMs = 0;
        decimal cost = 0, savedCost = 0;
        bool costKnown = true, savedCostKnown = true;
        long saved = 0;
        int replayed = 0, cacheHits = 0;
        for (int i = 0; i < outcomes.Count; i++)
        {
            BranchOutcome o = outcomes[i];
            long inTokens = o.Usage?.InputTokenCount ?? 0;
            long outTokens = o.Usage?.OutputTokenCount ?? 0;

            // A branch that spent nothing costs nothing even without a price; one that spent tokens on an unpriced model costs "unknown".
            decimal? branchCost = inTokens + outTokens == 0 ? 0m : prices.CostOf(o.Model, inTokens, outTokens);
            BranchReport b = ToBranchReport(o, branchCost);
            branches[i] = b;
            costKnown &= branchCost.HasValue;
            cost += branchCost ?? 0;
            input += inTokens;
            output += outTokens;
            sequentialMs += b.DurationMs;
            queueWaitMs += b.QueueWaitMs;
            attempts += b.Attempts;
            retries += b.Retries;
            http429 += b.Http429;
            hedges += b.Hedges;
            hedgesWon += b.HedgesWon;
            wasted += b.WastedTokens;
            throttleMs += b.ThrottleWaitMs;
            inFlightMs += b.InFlightMs;
            if (o.ReplayedFrom is { } source)
            {
                replayed += source == ReplaySource.Journal ? 1 : 0;
                cacheHits += source == ReplaySource.Cache ? 1 : 0;
                long savedIn = o.SavedUsage?.InputTokenCount ?? 0, savedOut = o.SavedUsage?.OutputTokenCount ?? 0;
                saved += savedIn + savedOut;
                decimal? branchSaved = savedIn + savedOut == 0 ? 0m : prices.CostOf(o.Model, savedIn, savedOut);
                savedCostKnown &= branchSaved.HasValue;
                savedCost += branchSaved ?? 0;
            }

            switch (o.Status)
            {
                case BranchStatus.Succeeded:
                    succeeded++;
                    if (o.ReplayedFrom is null)
                    {
                        successCalls++;
                        successTokens += inTokens + outTokens;
                    }

                    break;
                case BranchStatus.Failed or BranchStatus.TimedOut:
                    failed++;
                    break;
                default:
                    cancelled++;
                    break;
            }
        }

        long total = input + output;
        return new RunReport
        {
            Scenario = session.Scenario,
            Strategy = strategy,
            FailurePolicy = policy.ToString(),
            Status = error is null ? "ok" : "failed",
            Error = error,
            WallMs = wallMs,
            SequentialMs = sequentialMs,
            Speedup = wallMs > 0 && sequentialMs > 0 ? sequentialMs / wallMs : 1,
            SavedMs = Math.Max(0, sequentialMs - wallMs),
            QueueWaitMs = queueWaitMs,
            InputTokens = input,
            OutputTokens = output,
            TotalTokens = total,
            TokenMultiplier = successCalls > 0 && successTokens > 0 ? total / ((double)successTokens / successCalls) : null,
            Cost = costKnown ? cost : null,
            Attempts = attempts,
            Retries = retries,
            Http429 = http429,
            Hedges = hedges,
            HedgesWon = hedgesWon,
            WastedTokens = wasted,
            ThrottleWaitMs = throttleMs,
            InFlightMs = inFlightMs,
            Succeeded = succeeded,
            Failed = failed,
            Cancelled = cancelled,
            Replayed = replayed,
            CacheHits = cacheHits,
            SavedTokens = saved,
            SavedCost = savedCostKnown ? savedCost : null,
            JournalErrors = session.Timeline().Count(e => e.Kind == TimelineEventKind.JournalError),
            UsageUnknown = [.. outcomes.Where(o => TokenEstimator.IsUnknown(o.Usage)).Select(o => o.Label)],
            Estimate = session.Estimate is { } estimate ? EstimateOf(estimate, total + saved) : null,
            SpendCap = session.Budget is { } budget ? new SpendCapReport(budget.MaxTokens, budget.MaxCost, budget.Skipped()) : null,
            Decision = decision,
            Branches = branches,
            Timeline = session.Timeline(),
        };
    }

    private static EstimateReport EstimateOf(RunEstimate estimate, long actual) => new(
        estimate.Calls.Count,
        estimate.InputTokens,
        estimate.OutputTokens,
        estimate.TotalTokens,
        estimate.Cost,
        actual,
        actual > 0 ? (estimate.TotalTokens - actual) / (double)actual : null);

    private static BranchReport ToBranchReport(BranchOutcome o, decimal? cost) => new()
    {
        Index = o.Index,
        Label = o.Label,
        Stage = o.Stage,
        Status = WireNames.Of(o.Status),
        Model = o.Model,
        Attempts = o.Attempts.Count,
        InputTokens = o.Usage?.InputTokenCount ?? 0,
        OutputTokens = o.Usage?.OutputTokenCount ?? 0,
        TokensEstimated = TokenEstimator.IsEstimated(o.Usage),
        UsageUnknown = TokenEstimator.IsUnknown(o.Usage),
        StoppedEarly = StoppedEarlyException.IsStoppedEarly(o),
        Cost = cost,
        Error = o.Error?.Message,
        QueuedMs = o.Timing.QueuedAt.TotalMilliseconds,
        StartMs = o.Timing.StartedAt?.TotalMilliseconds,
        FirstTokenMs = o.Timing.FirstTokenAt?.TotalMilliseconds,
        EndMs = o.Timing.FinishedAt.TotalMilliseconds,
        DurationMs = o.Timing.Duration.TotalMilliseconds,
        QueueWaitMs = o.Timing.QueueWait.TotalMilliseconds,
        UsedFallback = o.UsedFallback,
        ThrottleWaitMs = o.ThrottleWait.TotalMilliseconds,
        InFlightMs = InFlight(o.Attempts).TotalMilliseconds,
        Http429 = o.Http429,
        Retries = CountRetries(o.Attempts),
        Hedges = o.Hedges,
        HedgesWon = o.HedgesWon,
        WastedTokens = o.WastedTokens,
        Replayed = o.ReplayedFrom switch { ReplaySource.Journal => "journal", ReplaySource.Cache => "cache", _ => null },
        SavedTokens = (o.SavedUsage?.InputTokenCount ?? 0) + (o.SavedUsage?.OutputTokenCount ?? 0),
        Text = o.Text,
        AttemptLog = [.. o.Attempts.Select(a => new AttemptReport(
            a.Number, a.Kind, a.StartedAt.TotalMilliseconds, a.FinishedAt.TotalMilliseconds, a.Status, a.Error, a.HttpStatus))],
    };

    /// <summary>The time covered by at least one attempt: overlapping attempts (a hedge and its primary) count once.</summary>
    private static int CountRetries(IReadOnlyList<AttemptRecord> attempts)
    {
        int retries = 0;
        for (int i = 0; i < attempts.Count; i++)
        {
            retries += attempts[i].Kind == AttemptKind.Retry ? 1 : 0;
        }

        return retries;
    }

    internal static TimeSpan InFlight(IReadOnlyList<AttemptRecord> attempts)
    {
        // The common case, one attempt, needs no sorting (this runs once per branch of every report).
        if (attempts.Count <= 1)
        {
            return attempts.Count == 0 ? TimeSpan.Zero : Positive(attempts[0].FinishedAt - attempts[0].StartedAt);
        }

        TimeSpan total = TimeSpan.Zero, coveredUntil = TimeSpan.MinValue;
        foreach (AttemptRecord a in attempts.OrderBy(a => a.StartedAt))
        {
            TimeSpan start = a.StartedAt > coveredUntil ? a.StartedAt : coveredUntil;
            if (a.FinishedAt > start)
            {
                total += a.FinishedAt - start;
                coveredUntil = a.FinishedAt;
            }
        }

        return total;
    }

    private static TimeSpan Positive(TimeSpan value) => value > TimeSpan.Zero ? value : TimeSpan.Zero;
}
