using Chorus.Resilience;

namespace Chorus.Tests.Resilience;

public class LatencyTrackerTests
{
    [Fact]
    public void Quantile_AllFinished_IsTheEmpiricalPercentile()
    {
        var samples = Enumerable.Range(1, 20).Select(i => ((double)i, true)).ToList();
        Assert.Equal(19, LatencyTracker.Quantile(samples, 0.95));
        Assert.Equal(10, LatencyTracker.Quantile(samples, 0.5));
    }

    [Fact]
    public void Quantile_ManyStillRunning_IsUnknownUntilEnoughHaveAnswered()
    {
        // 64 calls started together: 50 answered by 1 s, 14 still running at 1.2 s. Their 95th percentile is not known yet.
        var samples = Enumerable.Range(0, 50).Select(i => (0.5 + (i / 100.0), true))
            .Concat(Enumerable.Range(0, 14).Select(_ => (1.2, false))).ToList();
        Assert.Null(LatencyTracker.Quantile(samples, 0.95));

        // Once 61 of 64 answered, it is the 61st answer's time.
        samples = Enumerable.Range(0, 61).Select(i => (0.5 + (i / 100.0), true))
            .Concat(Enumerable.Range(0, 3).Select(_ => (1.2, false))).ToList();
        Assert.Equal(1.1, LatencyTracker.Quantile(samples, 0.95)!.Value, 9);
    }

    [Fact]
    public void Snapshot_BelowMinSamples_NoThreshold_AndChangedCompletesOnFinish()
    {
        var clock = new ManualTimeProvider();
        var tracker = new LatencyTracker(clock, 0.95, minSamples: 2, window: 10);
        long a = tracker.Start();
        clock.Advance(TimeSpan.FromMilliseconds(100));
        tracker.Finish(a, succeeded: true);
        (TimeSpan? threshold, Task changed) = tracker.Snapshot();
        Assert.Null(threshold);

        long b = tracker.Start();
        clock.Advance(TimeSpan.FromMilliseconds(300));
        Assert.False(changed.IsCompleted);
        tracker.Finish(b, succeeded: true);
        Assert.True(changed.IsCompleted);
        Assert.Equal(TimeSpan.FromMilliseconds(300), tracker.Snapshot().Threshold);
    }

    [Fact]
    public void HedgeBudget_EarnsRatioPerAttempt_SpendsOnePerHedge()
    {
        var budget = new HedgeBudget(0.25, 2);
        Assert.False(budget.TrySpend());
        for (int i = 0; i < 4; i++)
        {
            budget.Earn();
        }

        Assert.True(budget.TrySpend());
        Assert.False(budget.TrySpend());
        for (int i = 0; i < 100; i++)
        {
            budget.Earn();
        }

        Assert.Equal(2, budget.Credits, 9);
    }
}
