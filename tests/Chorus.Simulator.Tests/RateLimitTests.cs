using System.Net;
using System.Text.Json;
using Chorus.TestKit;

namespace Chorus.Simulator.Tests;

public sealed class RateLimitTests
{
    private static string Header(HttpResponseMessage response, string name) => string.Join(",", response.Headers.GetValues(name));

    private static async Task<SimulatorHarness> StartAsync(ManualTimeProvider clock, int? rpm = null, int? tpm = null) =>
        await SimulatorHarness.StartAsync(o =>
        {
            o.TimeProvider = clock;
            o.RequestsPerMinute = rpm;
            o.TokensPerMinute = tpm;
        });

    [Fact]
    public async Task Rpm2_ThirdRequestWithinAMinute_Gets429WithRetryAfterAndZeroRemaining()
    {
        var clock = new ManualTimeProvider();
        await using SimulatorHarness sim = await StartAsync(clock, rpm: 2);

        using HttpResponseMessage first = await sim.PostAsync(SimulatorHarness.Request("hi"));
        using HttpResponseMessage second = await sim.PostAsync(SimulatorHarness.Request("hi"));
        using HttpResponseMessage third = await sim.PostAsync(SimulatorHarness.Request("hi"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("2", Header(first, "x-ratelimit-limit-requests"));
        Assert.Equal("1", Header(first, "x-ratelimit-remaining-requests"));
        Assert.Equal("30s", Header(first, "x-ratelimit-reset-requests"));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("1m0s", Header(second, "x-ratelimit-reset-requests"));
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal("0", Header(third, "x-ratelimit-remaining-requests"));
        Assert.Equal("30", Header(third, "retry-after"));
        Assert.Equal("30000", Header(third, "retry-after-ms"));
        using JsonDocument body = JsonDocument.Parse(await third.Content.ReadAsStringAsync());
        JsonElement error = body.RootElement.GetProperty("error");
        Assert.Equal("requests", error.GetProperty("type").GetString());
        Assert.Equal("rate_limit_exceeded", error.GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("param").ValueKind);
        Assert.Contains("requests per min (RPM): Limit 2", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, sim.Server.GetStats().RateLimited);
        Assert.False(third.Headers.Contains("x-ratelimit-limit-tokens"));
    }

    [Fact]
    public async Task Rpm2_AfterRetryAfter_AdmitsAgain()
    {
        var clock = new ManualTimeProvider();
        await using SimulatorHarness sim = await StartAsync(clock, rpm: 2);
        for (int i = 0; i < 2; i++)
        {
            using HttpResponseMessage ok = await sim.PostAsync(SimulatorHarness.Request("hi"));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        clock.Advance(TimeSpan.FromSeconds(29.9));
        using HttpResponseMessage early = await sim.PostAsync(SimulatorHarness.Request("hi"));
        clock.Advance(TimeSpan.FromSeconds(0.1));
        using HttpResponseMessage onTime = await sim.PostAsync(SimulatorHarness.Request("hi"));

        Assert.Equal(HttpStatusCode.TooManyRequests, early.StatusCode);
        Assert.Equal("100", Header(early, "retry-after-ms"));
        Assert.Equal("1", Header(early, "retry-after"));
        Assert.Equal(HttpStatusCode.OK, onTime.StatusCode);
    }

    [Fact]
    public async Task Rpm600_BurstsOneSecondWorth_ThenRefillsContinuously()
    {
        var clock = new ManualTimeProvider();
        await using SimulatorHarness sim = await StartAsync(clock, rpm: 600);

        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < 11; i++)
        {
            using HttpResponseMessage response = await sim.PostAsync(SimulatorHarness.Request("hi"));
            statuses.Add(response.StatusCode);
            if (i == 10)
            {
                Assert.Equal("100", Header(response, "retry-after-ms"));
            }
        }

        clock.Advance(TimeSpan.FromMilliseconds(100));
        using HttpResponseMessage refilled = await sim.PostAsync(SimulatorHarness.Request("hi"));

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 10), HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, refilled.StatusCode);
        Assert.Equal("1s", Header(refilled, "x-ratelimit-reset-requests"));
    }

    [Fact]
    public async Task Tpm_CostIsPromptPlusMaxTokens_RefusedAs429Tokens()
    {
        var clock = new ManualTimeProvider();
        await using SimulatorHarness sim = await StartAsync(clock, tpm: 600);

        // "hi" costs 1 + 4 prompt tokens, plus max_tokens 5: exactly the bucket of 10 tokens (600 / 60 × 1 s).
        using HttpResponseMessage first = await sim.PostAsync(SimulatorHarness.Request("hi", b => b["max_tokens"] = 5));
        using HttpResponseMessage second = await sim.PostAsync(SimulatorHarness.Request("hi", b => b["max_tokens"] = 5));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("600", Header(first, "x-ratelimit-limit-tokens"));
        Assert.Equal("0", Header(first, "x-ratelimit-remaining-tokens"));
        Assert.Equal("1s", Header(first, "x-ratelimit-reset-tokens"));
        Assert.False(first.Headers.Contains("x-ratelimit-limit-requests"));
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal("1", Header(second, "retry-after"));
        Assert.Equal("1000", Header(second, "retry-after-ms"));
        using JsonDocument body = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        Assert.Equal("tokens", body.RootElement.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Tpm_RequestLargerThanBucket_AdmittedWhenFullAndLeavesDebt()
    {
        var clock = new ManualTimeProvider();
        await using SimulatorHarness sim = await StartAsync(clock, tpm: 600);

        using HttpResponseMessage big = await sim.PostAsync(SimulatorHarness.Request("hi", b => b["max_tokens"] = 100));
        using HttpResponseMessage next = await sim.PostAsync(SimulatorHarness.Request("hi", b => b["max_tokens"] = 5));

        Assert.Equal(HttpStatusCode.OK, big.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, next.StatusCode);

        // The bucket is at 10 - 105 = -95 tokens and refills 10 a second: the next 10 tokens fit after 10.5 s.
        Assert.Equal("10500", Header(next, "retry-after-ms"));
        Assert.Equal("11", Header(next, "retry-after"));
    }

    [Fact]
    public async Task Tpm_RequestLargerThanWholeLimit_AlwaysRefusedWithoutRetryAfter()
    {
        var clock = new ManualTimeProvider();
        await using SimulatorHarness sim = await StartAsync(clock, tpm: 600);

        using HttpResponseMessage response = await sim.PostAsync(SimulatorHarness.Request("hi", b => b["max_tokens"] = 1000));
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.False(response.Headers.Contains("retry-after"));
        Assert.StartsWith("Request too large", body.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RpmAndTpm_RefusalByTokens_DoesNotSpendARequest()
    {
        var clock = new ManualTimeProvider();
        await using SimulatorHarness sim = await StartAsync(clock, rpm: 2, tpm: 600);

        using HttpResponseMessage ok = await sim.PostAsync(SimulatorHarness.Request("hi", b => b["max_tokens"] = 5));
        using HttpResponseMessage refused = await sim.PostAsync(SimulatorHarness.Request("hi", b => b["max_tokens"] = 5));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("1", Header(refused, "x-ratelimit-remaining-requests"));
        Assert.Equal("0", Header(refused, "x-ratelimit-remaining-tokens"));
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(0.4, "1ms")]
    [InlineData(120, "120ms")]
    [InlineData(6000, "6s")]
    [InlineData(8640, "8.64s")]
    [InlineData(60000, "1m0s")]
    [InlineData(90500, "1m30.5s")]
    [InlineData(3600000, "1h0m0s")]
    public void DurationFormat_MatchesOpenAIHeaderStyle(double ms, string expected) =>
        Assert.Equal(expected, DurationFormat.Format(TimeSpan.FromMilliseconds(ms)));

    [Theory]
    [InlineData(2, 1, 2)]
    [InlineData(3, 1, 2)]
    [InlineData(1, 1, 1)]
    [InlineData(60, 1, 2)]
    [InlineData(600, 1, 10)]
    [InlineData(600, 6, 60)]
    [InlineData(90000, 1, 1500)]
    public void TokenBucket_Capacity_IsBurstWorthWithFloorOfTwo(int limit, double burstSeconds, double capacity) =>
        Assert.Equal(capacity, new TokenBucket(limit, burstSeconds, new ManualTimeProvider()).Capacity, 9);
}
