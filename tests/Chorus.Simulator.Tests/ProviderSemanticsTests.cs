using System.Globalization;
using System.Net;
using System.Text.Json;
using Chorus.TestKit;

namespace Chorus.Simulator.Tests;

/// <summary>The provider semantics of issue 13 the simulator can produce, each off by default.</summary>
public sealed class ProviderSemanticsTests
{
    private static string Header(HttpResponseMessage response, string name) => string.Join(",", response.Headers.GetValues(name));

    [Fact]
    public void Options_NewSemantics_AreOffByDefault()
    {
        var options = new SimulatorOptions();

        Assert.False(options.RefusalsCount);
        Assert.Equal(RetryAfterStyle.SecondsAndMilliseconds, options.RetryAfterStyle);
        Assert.False(options.OmitRateLimitHeaders);
        Assert.Null(options.QuotaRequests);
        Assert.Equal(0, options.BatchSlowdown);
        Assert.Null(options.OutageStart);
        Assert.Equal(TimeSpan.FromSeconds(5), options.OutageDuration);
        Assert.Null(options.RedirectStatus);
    }

    [Fact]
    public void RedirectStatus_NotARedirect_Throws()
    {
        var options = new SimulatorOptions();

        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() => options.RedirectStatus = 200);

        Assert.StartsWith("RedirectStatus must be 301, 302, 303, 307 or 308, was 200.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.1, 2)]     // 600 RPM: 0.1 s would hold one request; the floor of two applies
    [InlineData(1, 10)]
    [InlineData(5, 50)]
    [InlineData(60, 600)]
    public async Task BurstSeconds_Rpm600_AdmitsThatManyAtOnce(double burst, int admitted)
    {
        var clock = new ManualTimeProvider();
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o => { o.TimeProvider = clock; o.RequestsPerMinute = 600; o.BurstSeconds = burst; });

        int ok = 0;
        for (int i = 0; i <= admitted; i++)
        {
            using HttpResponseMessage response = await sim.PostAsync(SimulatorHarness.Request("hi"));
            ok += response.StatusCode == HttpStatusCode.OK ? 1 : 0;
        }

        Assert.Equal(admitted, ok);
    }

    [Fact]
    public async Task RefusalsCount_RetryingEarly_PushesTheBudgetAway()
    {
        var clock = new ManualTimeProvider();
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o => { o.TimeProvider = clock; o.RequestsPerMinute = 60; o.RefusalsCount = true; });
        for (int i = 0; i < 2; i++)
        {
            using HttpResponseMessage ok = await sim.PostAsync(SimulatorHarness.Request("hi"));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using HttpResponseMessage refused = await sim.PostAsync(SimulatorHarness.Request("hi"));
        clock.Advance(TimeSpan.FromSeconds(1));
        using HttpResponseMessage stillRefused = await sim.PostAsync(SimulatorHarness.Request("hi"));
        clock.Advance(TimeSpan.FromSeconds(2));
        using HttpResponseMessage afterHint = await sim.PostAsync(SimulatorHarness.Request("hi"));

        // 60 RPM refills one a second. The refusal cost one (2 s to wait); without the charge the request a second later would pass.
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("2000", Header(refused, "retry-after-ms"));
        Assert.Equal(HttpStatusCode.TooManyRequests, stillRefused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterHint.StatusCode);
    }

    [Theory]
    [InlineData(RetryAfterStyle.Seconds, "1", false)]
    [InlineData(RetryAfterStyle.HttpDate, "Thu, 01 Jan 2026 00:00:01 GMT", false)]
    [InlineData(RetryAfterStyle.None, null, false)]
    [InlineData(RetryAfterStyle.SecondsAndMilliseconds, "1", true)]
    public async Task RetryAfterStyle_Refusal_SendsTheHintInThatForm(RetryAfterStyle style, string? expected, bool milliseconds)
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o => { o.TimeProvider = clock; o.RequestsPerMinute = 600; o.RetryAfterStyle = style; });
        for (int i = 0; i < 10; i++)
        {
            using HttpResponseMessage ok = await sim.PostAsync(SimulatorHarness.Request("hi"));
        }

        using HttpResponseMessage refused = await sim.PostAsync(SimulatorHarness.Request("hi"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(expected, refused.Headers.TryGetValues("retry-after", out IEnumerable<string>? v) ? string.Join(",", v) : null);
        Assert.Equal(milliseconds, refused.Headers.Contains("retry-after-ms"));
    }

    [Fact]
    public async Task OmitRateLimitHeaders_LimitsStillEnforced_NoHeaders()
    {
        var clock = new ManualTimeProvider();
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o => { o.TimeProvider = clock; o.RequestsPerMinute = 2; o.TokensPerMinute = 10_000; o.OmitRateLimitHeaders = true; });

        using HttpResponseMessage first = await sim.PostAsync(SimulatorHarness.Request("hi"));
        using HttpResponseMessage second = await sim.PostAsync(SimulatorHarness.Request("hi"));
        using HttpResponseMessage third = await sim.PostAsync(SimulatorHarness.Request("hi"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.DoesNotContain(first.Headers, h => h.Key.StartsWith("x-ratelimit-", StringComparison.Ordinal));
        Assert.DoesNotContain(third.Headers, h => h.Key.StartsWith("x-ratelimit-", StringComparison.Ordinal));
        Assert.True(third.Headers.Contains("retry-after"));
    }

    [Fact]
    public async Task QuotaRequests_Exhausted_Gets429InsufficientQuotaWithoutRetryHint()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o => { o.QuotaRequests = 1; o.RequestsPerMinute = 600; });

        using HttpResponseMessage first = await sim.PostAsync(SimulatorHarness.Request("hi"));
        using HttpResponseMessage second = await sim.PostAsync(SimulatorHarness.Request("hi"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.False(second.Headers.Contains("retry-after"));
        Assert.False(second.Headers.Contains("x-ratelimit-remaining-requests"));
        using JsonDocument body = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        JsonElement error = body.RootElement.GetProperty("error");
        Assert.Equal("insufficient_quota", error.GetProperty("type").GetString());
        Assert.Equal("insufficient_quota", error.GetProperty("code").GetString());
        Assert.Contains("exceeded your current quota", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, sim.Server.GetStats().RateLimited);
    }

    [Fact]
    public async Task BatchSlowdown_SecondRequestInFlight_TakesTwiceAsLong()
    {
        var clock = new ManualTimeProvider();
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o => { o.TimeProvider = clock; o.LatencyMs = 100; o.BatchSlowdown = 1; });

        long armed = clock.TimersArmed;
        Task<HttpResponseMessage> first = sim.PostAsync(SimulatorHarness.Request("one"));
        await clock.WaitForTimersArmedAsync(armed + 1).WaitAsync(TimeSpan.FromSeconds(10));
        Task<HttpResponseMessage> second = sim.PostAsync(SimulatorHarness.Request("two"));
        await clock.WaitForTimersArmedAsync(armed + 2).WaitAsync(TimeSpan.FromSeconds(10));
        clock.Advance(TimeSpan.FromMilliseconds(100));
        using HttpResponseMessage firstDone = await first.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(second.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(100));
        using HttpResponseMessage secondDone = await second.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("100", Header(firstDone, "openai-processing-ms"));
        Assert.Equal("200", Header(secondDone, "openai-processing-ms"));
    }

    [Fact]
    public async Task Outage_WithinTheWindow_EveryRequestGets503_ThenRecovers()
    {
        var clock = new ManualTimeProvider();
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o => { o.TimeProvider = clock; o.OutageStart = TimeSpan.FromSeconds(10); o.OutageDuration = TimeSpan.FromSeconds(3); });

        using HttpResponseMessage before = await sim.PostAsync(SimulatorHarness.Request("hi"));
        clock.Advance(TimeSpan.FromSeconds(10));
        using HttpResponseMessage during1 = await sim.PostAsync(SimulatorHarness.Request("hi"));
        clock.Advance(TimeSpan.FromSeconds(2.9));
        using HttpResponseMessage during2 = await sim.PostAsync(SimulatorHarness.Request("hi"));
        clock.Advance(TimeSpan.FromSeconds(0.1));
        using HttpResponseMessage after = await sim.PostAsync(SimulatorHarness.Request("hi"));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, during1.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, during2.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(2, sim.Server.GetStats().ServerErrors);
    }

    [Theory]
    [InlineData(308)]
    [InlineData(301)]
    public async Task RedirectStatus_ClientNotFollowing_SeesTheRedirectToItself(int status)
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o => o.RedirectStatus = status);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = sim.Server.BaseUri };

        using HttpResponseMessage response = await http.PostAsync("chat/completions", new StringContent(SimulatorHarness.Request("hi").ToJsonString()));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(new Uri(sim.Server.BaseUri, "chat/completions"), response.Headers.Location);
    }

    [Fact]
    public async Task RedirectStatus_ClientFollowing_EndsOnThe3xx()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o => o.RedirectStatus = 307);

        using HttpResponseMessage response = await sim.PostAsync(SimulatorHarness.Request("hi"));

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.True(sim.Server.GetStats().Requests > 1, sim.Server.GetStats().Requests.ToString(CultureInfo.InvariantCulture));
    }
}
