using Chorus.Cli.Progress;
using Microsoft.Extensions.AI;
using Chorus.Estimation;
using Chorus.Reporting;

namespace Chorus.Cli.Tests;

public class ProgressTrackerTests
{
    [Fact]
    public void OnEvent_ABranchsLife_GoesQueuedWaitingRetryingRunningDone()
    {
        var tracker = new ProgressTracker();
        var states = new List<string>();
        tracker.Changed += (row, _) => states.Add(row.State);

        tracker.OnEvent(new TimelineEvent(0, "a", "main", TimelineEventKind.Queued));
        tracker.OnEvent(new TimelineEvent(1, "a", "main", TimelineEventKind.Started));
        tracker.OnEvent(new TimelineEvent(2, "a", "main", TimelineEventKind.Throttled, "250 ms: requests/min"));
        tracker.OnEvent(new AttemptEvent(3, "a", "main", "call: error (HTTP 429)", new AttemptRecord(1, AttemptKind.Call, TimeSpan.Zero, TimeSpan.Zero, AttemptStatus.Error, null, 429, null, null, null)));
        tracker.OnEvent(new AttemptEvent(4, "a", "main", "retry: ok (HTTP 200)", new AttemptRecord(1, AttemptKind.Retry, TimeSpan.Zero, TimeSpan.Zero, AttemptStatus.Ok, null, 200, null, null, null)));
        tracker.OnEvent(new AttemptEvent(5, "a", "main", "call #1: ok (HTTP 200)", new AttemptRecord(1, AttemptKind.Call, TimeSpan.Zero, TimeSpan.Zero, AttemptStatus.Ok, null, 200, null, null, null)));    // no change: no line
        tracker.OnEvent(new TimelineEvent(6, "a", "main", TimelineEventKind.Succeeded));

        Assert.Equal(["queued", "running", "waiting for budget", "retrying", "running", "done"], states);
        BranchRow row = Assert.Single(tracker.Snapshot().Rows);
        Assert.Equal(3, row.Calls);
        Assert.Equal(1, row.Http429);
        Assert.Equal(6, row.AtMs);
    }

    [Theory]
    [InlineData(TimelineEventKind.Failed, "failed")]
    [InlineData(TimelineEventKind.TimedOut, "failed")]
    [InlineData(TimelineEventKind.Cancelled, "cancelled")]
    [InlineData(TimelineEventKind.Skipped, "cancelled")]
    public void OnEvent_EndOfABranch_MapsToItsState(TimelineEventKind kind, string state)
    {
        var tracker = new ProgressTracker();

        tracker.OnEvent(new TimelineEvent(0, "a", "main", TimelineEventKind.Queued));
        tracker.OnEvent(new TimelineEvent(1, "a", "main", kind, "why"));

        BranchRow row = Assert.Single(tracker.Snapshot().Rows);
        Assert.Equal(state, row.State);
        Assert.True(row.IsFinished);
    }

    [Fact]
    public void OnEvent_AttemptTokensAndCost_AddUpPerBranchAndInTotal_UnknownPriceMakesCostUnknown()
    {
        var tracker = new ProgressTracker();
        tracker.UsePrices(new PriceTable([new("m", new ModelPrice(1m, 2m))]), defaultModel: "m");

        tracker.OnEvent(new AttemptEvent(0, "a", "main", null, new AttemptRecord(1, AttemptKind.Call, TimeSpan.Zero, TimeSpan.Zero, AttemptStatus.Error, null, 429, 1000, 500, "m")));
        tracker.OnEvent(new AttemptEvent(1, "a", "main", null, new AttemptRecord(2, AttemptKind.Retry, TimeSpan.Zero, TimeSpan.Zero, AttemptStatus.Ok, null, 200, 1000, 0, null)));  // priced as the default model
        tracker.OnEvent(new AttemptEvent(2, "j", "jury", null, new AttemptRecord(1, AttemptKind.Call, TimeSpan.Zero, TimeSpan.Zero, AttemptStatus.Ok, null, 200, 10, 1, "unpriced")));

        (IReadOnlyList<BranchRow> rows, ProgressTotals totals, _) = tracker.Snapshot();
        Assert.Equal(0.003m, rows[0].Cost);    // (2000 * 1 + 500 * 2) / 1e6
        Assert.Equal((2000L, 500L), (rows[0].InputTokens, rows[0].OutputTokens));
        Assert.Equal("jury/j", rows[1].Name);
        Assert.Null(rows[1].Cost);
        Assert.Equal(2511, totals.Tokens);
        Assert.Null(totals.Cost);
    }

    [Fact]
    public async Task OnEvent_ManyBranchesAtOnce_CountsEveryEventExactlyOnce()
    {
        var tracker = new ProgressTracker();
        int lines = 0;
        tracker.Changed += (_, _) => Interlocked.Increment(ref lines);
        using var start = new ManualResetEventSlim();

        Task[] workers = [.. Enumerable.Range(0, 16).Select(b => Task.Run(() =>
        {
            start.Wait();
            string label = $"b{b}";
            tracker.OnEvent(new TimelineEvent(0, label, "main", TimelineEventKind.Queued));
            tracker.OnEvent(new TimelineEvent(1, label, "main", TimelineEventKind.Started));
            for (int i = 0; i < 50; i++)
            {
                tracker.OnEvent(new AttemptEvent(2, label, "main", "call: error (HTTP 429)", new AttemptRecord(1, AttemptKind.Call, TimeSpan.Zero, TimeSpan.Zero, AttemptStatus.Error, null, 429, 1, 1, "m")));
            }

            tracker.OnEvent(new TimelineEvent(3, label, "main", TimelineEventKind.Succeeded));
        }))];
        start.Set();
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(10));

        (IReadOnlyList<BranchRow> rows, ProgressTotals totals, _) = tracker.Snapshot();
        Assert.Equal(16, rows.Count);
        Assert.All(rows, r => Assert.Equal((50, 50, "done"), (r.Calls, r.Http429, r.State)));
        Assert.Equal(16 * 50, totals.Http429);
        Assert.Equal(16 * 100, totals.Tokens);
        Assert.Equal(16, totals.Finished);
        Assert.Equal(16 * (3 + 50), lines);    // queued, running, done, and one per 429
    }

    [Fact]
    public void Format_AFinishedBranch_SaysCallsTokensCostAndTheRunSoFar()
    {
        var row = new BranchRow("sample-1", "main", "done", 2, 8, 15, 0.0000108m, 1, null, 512);
        var totals = new ProgressTotals(16, 30, 0.00002m, 1, 2, 7);

        string line = PlainProgressWriter.Format(row, totals);

        Assert.Equal("   0.51s  sample-1         done | 2 calls, 8+15 tokens, $0.000011 | 429s: 1 | so far 2/7 finished, 46 tokens, $0.000020, 429s: 1", line);
    }
}
