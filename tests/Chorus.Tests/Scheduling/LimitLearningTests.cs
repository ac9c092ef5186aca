using Chorus.Scheduling;

namespace Chorus.Tests.Scheduling;

public class LimitLearningTests
{
    [Theory]
    [InlineData(600, 9, 100, 10)]          // OpenAI-style: 600/min, one taken, full again in 100 ms: a bucket of 10
    [InlineData(600, 0, 1000, 10)]
    [InlineData(200_000, 2_733, 180, 3_333)]
    [InlineData(60, 59, 60_000, 60)]       // a minute-long window: the whole limit at once
    [InlineData(10, 50, 60_000, 10)]       // never above the limit
    public void Capacity_FromRemainingAndReset_IsRemainingPlusRefillUntilReset(long limit, long remaining, int resetMs, double expected) =>
        Assert.Equal(expected, LimitLearning.Capacity(limit, remaining, TimeSpan.FromMilliseconds(resetMs)));

    [Fact]
    public void Capacity_WithoutResetHeader_IsOneSecondOfTheLimit() =>
        Assert.Equal(10, LimitLearning.Capacity(600, 3, null));

    [Fact]
    public void Level_SubtractsCallsAdmittedAfterTheOneThatReported()
    {
        // 9 remained when it was admitted, 500 ms passed (+5), and 3 more were admitted since.
        Assert.Equal(10, LimitLearning.Level(600, 10, 9, TimeSpan.FromMilliseconds(500), 0));
        Assert.Equal(7, LimitLearning.Level(600, 10, 5, TimeSpan.FromMilliseconds(500), 3));
    }
}
