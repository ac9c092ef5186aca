using Chorus.Resilience;

namespace Chorus.Tests.Resilience;

public class RetryDelayHelperTests
{
    private static readonly TimeSpan Base = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(2);

    [Theory]
    [InlineData(null, 0.0, 100)]        // first retry: between base and 3 × base
    [InlineData(null, 0.5, 200)]
    [InlineData(400, 0.0, 100)]         // then between base and 3 × the previous delay
    [InlineData(400, 0.5, 650)]
    [InlineData(1000, 0.99, 2000)]      // capped
    public void Next_DecorrelatedJitter_IsUniformBetweenBaseAndThreeTimesThePrevious(int? previousMs, double random, int expectedMs)
    {
        TimeSpan? previous = previousMs is { } p ? TimeSpan.FromMilliseconds(p) : null;
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), RetryDelayHelper.Next(previous, Base, Max, random, null));
    }

    [Fact]
    public void Next_RetryAfterLongerThanJitter_WinsEvenAboveTheCap()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(1234), RetryDelayHelper.Next(null, Base, Max, 0, TimeSpan.FromMilliseconds(1234)));
        Assert.Equal(TimeSpan.FromSeconds(7), RetryDelayHelper.Next(null, Base, Max, 0.9, TimeSpan.FromSeconds(7)));
        Assert.Equal(TimeSpan.FromMilliseconds(300), RetryDelayHelper.Next(null, Base, Max, 1, TimeSpan.FromMilliseconds(50)));
    }
}
