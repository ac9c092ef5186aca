using Chorus.Scheduling;

namespace Chorus.Tests.Scheduling;

public class EndpointSchedulerOptionsTests
{
    [Fact]
    public void Defaults_ArePinned()
    {
        var options = new EndpointSchedulerOptions();
        Assert.Equal(256, options.MaxConcurrency);
        Assert.Null(options.RequestsPerMinute);
        Assert.Null(options.TokensPerMinute);
        Assert.Equal(1, options.BurstSeconds);
        Assert.True(options.LearnLimitsFromHeaders);
        Assert.Equal(16, options.InitialConcurrency);
        Assert.Equal(TimeSpan.FromMinutes(5), options.MaxRetryAfter);
        Assert.Equal(256, options.ExpectedOutputTokens);
        Assert.Equal(0.5, options.DecreaseFactor);
        Assert.Equal(TimeSpan.FromSeconds(1), options.DefaultRetryAfter);
        Assert.Null(options.TimeProvider);
    }

    [Fact]
    public void Setters_InvalidValues_ThrowNamingTheValue()
    {
        var options = new EndpointSchedulerOptions();
        Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxConcurrency = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.RequestsPerMinute = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.TokensPerMinute = -1);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.InitialConcurrency = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.ExpectedOutputTokens = -1);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.DefaultRetryAfter = TimeSpan.FromMilliseconds(-1));
        Assert.StartsWith("BurstSeconds must be in (0, 60], was 61.", Assert.Throws<ArgumentOutOfRangeException>(() => options.BurstSeconds = 61).Message);
        Assert.StartsWith("DecreaseFactor must be in (0, 1), was 1.", Assert.Throws<ArgumentOutOfRangeException>(() => options.DecreaseFactor = 1).Message);
    }

    [Fact]
    public void Constructor_InitialAboveMax_Throws()
    {
        var options = new EndpointSchedulerOptions { MaxConcurrency = 2, InitialConcurrency = 3 };
        Assert.StartsWith("InitialConcurrency (3) must not be above MaxConcurrency (2).", Assert.Throws<ArgumentException>(() => new EndpointScheduler(options)).Message);
    }

    [Fact]
    public void Registry_SameEndpointAndAccount_SharesOneScheduler()
    {
        using var registry = new EndpointSchedulerRegistry();
        EndpointScheduler a = registry.GetOrAdd(new Uri("http://127.0.0.1:5000/v1/"), "team-a");
        EndpointScheduler b = registry.GetOrAdd(new Uri("HTTP://127.0.0.1:5000/v1"), "team-a", new EndpointSchedulerOptions { MaxConcurrency = 1 });
        EndpointScheduler c = registry.GetOrAdd(new Uri("http://127.0.0.1:5000/v1"), "team-b");

        Assert.Same(a, b);
        Assert.NotSame(a, c);
        Assert.Equal(256, b.MaxConcurrency);               // the options of a later call are ignored
        Assert.Equal(2, registry.Count);
        Assert.Throws<ArgumentException>(() => registry.GetOrAdd(new Uri("/v1", UriKind.Relative)));
    }

    [Fact]
    public void Constructor_DefaultInitialAboveSmallMax_StartsAtTheMax()
    {
        using var scheduler = new EndpointScheduler(new EndpointSchedulerOptions { MaxConcurrency = 4 });

        Assert.Equal(4, scheduler.ConcurrencyLimit);
    }

    [Fact]
    public void Constructor_NoLimitsConfigured_SlowStartsFromSixteen()
    {
        using var scheduler = new EndpointScheduler();

        Assert.Equal(16, scheduler.ConcurrencyLimit);
    }
}
