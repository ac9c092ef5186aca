using Chorus.Resilience;

namespace Chorus.Tests.Resilience;

public class ResilienceOptionsTests
{
    [Fact]
    public void Defaults_ArePinned()
    {
        var o = new ResilienceOptions();
        Assert.Equal(4, o.MaxRetryAttempts);
        Assert.Equal(TimeSpan.FromMilliseconds(100), o.BaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(30), o.MaxDelay);
        Assert.Equal(TimeSpan.FromMinutes(2), o.MaxRetryTime);
        Assert.Equal(TimeSpan.FromMinutes(2), o.AttemptTimeout);
        Assert.True(o.EnableHedging);
        Assert.True(o.AdaptiveAttemptTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), o.MinAttemptTimeout);
        Assert.Equal(TimeSpan.FromMinutes(5), o.MaxRetryAfter);
        Assert.Equal(0.95, o.HedgePercentile);
        Assert.Equal(20, o.HedgeMinSamples);
        Assert.Equal(0.1, o.HedgeBudget);
        Assert.True(o.EnableCircuitBreaker);
        Assert.Equal(0.5, o.CircuitFailureRatio);
        Assert.Equal(10, o.CircuitMinimumThroughput);
        Assert.Equal(TimeSpan.FromSeconds(30), o.CircuitSamplingDuration);
        Assert.Equal(TimeSpan.FromSeconds(15), o.CircuitBreakDuration);
        Assert.Null(o.FallbackClient);
        Assert.Null(o.TimeProvider);
        Assert.Null(o.Randomizer);
    }

    [Fact]
    public void Setters_InvalidValues_ThrowNamingTheValue()
    {
        var o = new ResilienceOptions();
        Assert.Throws<ArgumentOutOfRangeException>(() => o.MaxRetryAttempts = -1);
        Assert.StartsWith("BaseDelay must be positive, was 00:00:00.", Assert.Throws<ArgumentOutOfRangeException>(() => o.BaseDelay = TimeSpan.Zero).Message);
        Assert.StartsWith("AttemptTimeout must be positive, was -00:00:01.", Assert.Throws<ArgumentOutOfRangeException>(() => o.AttemptTimeout = TimeSpan.FromSeconds(-1)).Message);
        Assert.StartsWith("HedgePercentile must be in [0.5, 1), was 1.", Assert.Throws<ArgumentOutOfRangeException>(() => o.HedgePercentile = 1).Message);
        Assert.StartsWith("HedgeBudget must be in (0, 1], was 0.", Assert.Throws<ArgumentOutOfRangeException>(() => o.HedgeBudget = 0).Message);
        Assert.StartsWith("CircuitFailureRatio must be in (0, 1], was 1.5.", Assert.Throws<ArgumentOutOfRangeException>(() => o.CircuitFailureRatio = 1.5).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => o.CircuitMinimumThroughput = 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => o.CircuitBreakDuration = TimeSpan.FromMilliseconds(100));
        o.AttemptTimeout = null;
        Assert.Null(o.AttemptTimeout);
    }

    [Fact]
    public void Constructor_MaxDelayBelowBase_Throws()
    {
        var o = new ResilienceOptions { BaseDelay = TimeSpan.FromSeconds(2), MaxDelay = TimeSpan.FromSeconds(1) };
        Assert.StartsWith("MaxDelay (00:00:01) must not be below BaseDelay (00:00:02).",
            Assert.Throws<ArgumentException>(() => new ResilientChatClient(new TestKit.ScriptedChatClient("x"), o)).Message);
    }
}
