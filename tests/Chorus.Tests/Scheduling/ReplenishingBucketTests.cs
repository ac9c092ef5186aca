using Chorus.Scheduling;

namespace Chorus.Tests.Scheduling;

public class ReplenishingBucketTests
{
    private readonly ManualTimeProvider _clock = new();

    private ReplenishingBucket Bucket(double limit, double capacity) => new(limit, capacity, capacity, _clock.GetTimestamp(), _clock);

    [Fact]
    public void CapacityFor_OneSecondBurst_IsASixtiethOfTheLimitButAtLeastOne()
    {
        Assert.Equal(10, ReplenishingBucket.CapacityFor(600, 1));
        Assert.Equal(3333.333, ReplenishingBucket.CapacityFor(200_000, 1), 3);
        Assert.Equal(1, ReplenishingBucket.CapacityFor(6, 1));
        Assert.Equal(600, ReplenishingBucket.CapacityFor(600, 60));
    }

    [Fact]
    public void TimeUntil_EmptyBucket_IsTheRefillTimeOfTheShortfall()
    {
        ReplenishingBucket bucket = Bucket(600, 10);     // 10 a second
        bucket.Take(10, _clock.GetTimestamp());

        Assert.Equal(TimeSpan.FromMilliseconds(100), bucket.TimeUntil(1, _clock.GetTimestamp()));
        _clock.Advance(TimeSpan.FromMilliseconds(99));
        Assert.Equal(0.99, bucket.LevelAt(_clock.GetTimestamp()), 9);
        Assert.True(bucket.TimeUntil(1, _clock.GetTimestamp()) > TimeSpan.Zero);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(TimeSpan.Zero, bucket.TimeUntil(1, _clock.GetTimestamp()));
    }

    [Fact]
    public void LevelAt_LongIdle_NeverAboveCapacity()
    {
        ReplenishingBucket bucket = Bucket(600, 10);
        bucket.Take(4, _clock.GetTimestamp());
        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(10, bucket.LevelAt(_clock.GetTimestamp()));
    }

    [Fact]
    public void TimeUntil_CostAboveCapacity_NeedsAFullBucketAndLeavesDebt()
    {
        ReplenishingBucket bucket = Bucket(6000, 100);   // 100 a second
        long now = _clock.GetTimestamp();
        bucket.Take(50, now);

        Assert.Equal(TimeSpan.FromMilliseconds(500), bucket.TimeUntil(250, now));
        _clock.Advance(TimeSpan.FromMilliseconds(500));
        now = _clock.GetTimestamp();
        Assert.Equal(TimeSpan.Zero, bucket.TimeUntil(250, now));
        bucket.Take(250, now);
        Assert.Equal(-150, bucket.LevelAt(now), 9);
        Assert.Equal(TimeSpan.FromSeconds(1.51), bucket.TimeUntil(1, now));
    }

    [Fact]
    public void Adjust_RefundAndCharge_MoveTheLevelButNeverAboveCapacity()
    {
        ReplenishingBucket bucket = Bucket(6000, 100);
        long now = _clock.GetTimestamp();
        bucket.Take(80, now);
        bucket.Adjust(-30, now);
        Assert.Equal(-10, bucket.LevelAt(now), 9);
        bucket.Adjust(500, now);
        Assert.Equal(100, bucket.LevelAt(now), 9);
    }

    [Fact]
    public void LowerTo_OnlyLowers()
    {
        ReplenishingBucket bucket = Bucket(600, 10);
        long now = _clock.GetTimestamp();
        bucket.LowerTo(3, now);
        Assert.Equal(3, bucket.LevelAt(now), 9);
        bucket.LowerTo(7, now);
        Assert.Equal(3, bucket.LevelAt(now), 9);
    }
}
