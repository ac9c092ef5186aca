using System.Net;
using Chorus.TestKit;
using Microsoft.Extensions.AI;
using Chorus.Providers;
using Chorus.Resilience;
using Chorus.Scheduling;

namespace Chorus.Tests.Scheduling;

/// <summary>The scheduler and resilience against each provider semantic of issue 13, on the fake clock.</summary>
public sealed class ProviderSemanticsTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(10);
    private readonly ManualTimeProvider _clock = new();

    private static SchedulerRequest Request(long tokens = 10) => new(tokens, 0, 1, true, 1, new object());

    private EndpointScheduler Scheduler(Action<EndpointSchedulerOptions>? configure = null)
    {
        var options = new EndpointSchedulerOptions { TimeProvider = _clock };
        configure?.Invoke(options);
        return new EndpointScheduler(options);
    }

    [Theory]
    [InlineData(0.1, 2)]      // 600 RPM: a tenth of a second would hold one; providers keep at least two
    [InlineData(1, 10)]
    [InlineData(5, 50)]
    [InlineData(60, 600)]
    public async Task Burst_LearnedFromTheFirstAnswer_AdmitsTheBurstThenPaces(double burstSeconds, int burst)
    {
        using EndpointScheduler scheduler = Scheduler(o => o.MaxConcurrency = 1000);
        SchedulerLease first = await scheduler.AcquireAsync(Request(), default);

        // What the provider says after admitting the first call: a bucket of `burst`, refilled at 10 a second.
        first.Succeeded(new RateLimitSignals(LimitRequests: 600, RemainingRequests: burst - 1, ResetRequests: TimeSpan.FromMilliseconds(100)), null);
        first.Dispose();
        var held = new List<SchedulerLease>();
        for (int i = 0; i < burst - 1; i++)
        {
            Task<SchedulerLease> admitted = scheduler.AcquireAsync(Request(), default);
            Assert.True(admitted.IsCompletedSuccessfully, $"call {i + 2} of a burst of {burst} ({burstSeconds} s) waited");
            held.Add(await admitted);
        }

        long armed = _clock.TimersArmed;
        Task<SchedulerLease> beyond = scheduler.AcquireAsync(Request(), default);
        await _clock.WaitForTimersArmedAsync(armed + 1).WaitAsync(HangGuard);
        _clock.Advance(TimeSpan.FromMilliseconds(99));
        Assert.False(beyond.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        using SchedulerLease paced = await beyond.WaitAsync(HangGuard);

        Assert.Equal(SchedulerBlock.Requests, paced.BlockedBy);
        Assert.Equal(600, scheduler.RequestsPerMinute);
        held.ForEach(l => l.Dispose());
    }

    [Fact]
    public async Task RefusalsCount_429_NothingSentBeforeRetryAfter_SoNoRefusalAddsDebt()
    {
        using EndpointScheduler scheduler = Scheduler();
        int calls = 0;
        IChatClient client = new ScriptedChatClient((_, _, _) => Interlocked.Increment(ref calls) == 1
            ? throw new ChatProviderException("slow down", ProviderErrorKind.RateLimited, 429,
                rateLimits: new RateLimitSignals(LimitRequests: 60, RemainingRequests: 0, ResetRequests: TimeSpan.FromSeconds(2), RetryAfter: TimeSpan.FromSeconds(2)))
            : Task.FromResult(ScriptedChatClient.Reply("ok"))).WithScheduler(scheduler);
        await Assert.ThrowsAsync<ChatProviderException>(() => client.GetResponseAsync("q"));

        long armed = _clock.TimersArmed;
        Task<ChatResponse>[] queued = [.. Enumerable.Range(0, 4).Select(_ => client.GetResponseAsync("q"))];
        await _clock.WaitForTimersArmedAsync(armed + 1).WaitAsync(HangGuard);
        _clock.Advance(TimeSpan.FromMilliseconds(1999));

        Assert.Equal(1, calls);                       // a provider that counts refusals saw no second refusal
        Assert.Equal(4, scheduler.QueueLength);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await queued[0].WaitAsync(HangGuard);
        Assert.Equal(2, calls);                       // then one: the hint said one more fits in 2 s, so the bucket mirrors that
        Assert.False(queued[1].IsCompleted);          // and the next a second later, at 60/min
    }

    [Fact]
    public async Task RetryAfterAbsent_429WithoutAnyHeader_PausesTheDefaultSecondAndCutsTheWindow()
    {
        using EndpointScheduler scheduler = Scheduler(o => o.InitialConcurrency = 8);
        int calls = 0;
        IChatClient client = new ScriptedChatClient((_, _, _) => Interlocked.Increment(ref calls) == 1
            ? throw new HttpRequestException("Too Many Requests", null, HttpStatusCode.TooManyRequests)     // a foreign client: no hint, no headers
            : Task.FromResult(ScriptedChatClient.Reply("ok"))).WithScheduler(scheduler);
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetResponseAsync("q"));

        long armed = _clock.TimersArmed;
        Task<ChatResponse> next = client.GetResponseAsync("q");
        await _clock.WaitForTimersArmedAsync(armed + 1).WaitAsync(HangGuard);
        _clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(next.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await next.WaitAsync(HangGuard);

        Assert.Equal(4, scheduler.ConcurrencyLimit);
        Assert.Null(scheduler.RequestsPerMinute);
    }

    [Fact]
    public async Task NoRateLimitHeaders_FirstAnswerSizesTheWindow_And429Halves()
    {
        using EndpointScheduler scheduler = Scheduler(o => o.InitialConcurrency = 4);
        var round = new List<SchedulerLease>();
        for (int i = 0; i < 4; i++)
        {
            round.Add(await scheduler.AcquireAsync(Request(), default));
        }

        foreach (SchedulerLease lease in round)
        {
            lease.Succeeded(null, null);
            lease.Dispose();
        }

        // The first answer said nothing about limits: the window is sized from it (4 × 4), then each answer adds one.
        Assert.Equal(19, scheduler.ConcurrencyLimit);
        SchedulerLease refused = await scheduler.AcquireAsync(Request(), default);
        refused.RateLimited(TimeSpan.FromMilliseconds(10), RateLimitSignals.Empty);
        refused.Dispose();
        Assert.Equal(9, scheduler.ConcurrencyLimit);
        Assert.Null(scheduler.RequestsPerMinute);
    }

    [Fact]
    public async Task LowRemaining_NoBudgetKnown_CutsTheWindowBeforeAny429()
    {
        using EndpointScheduler scheduler = Scheduler(o => { o.MaxConcurrency = 8; o.LearnLimitsFromHeaders = false; });
        SchedulerLease lease = await scheduler.AcquireAsync(Request(), default);

        lease.Succeeded(new RateLimitSignals(LimitRequests: 1000, RemainingRequests: 10), null);
        lease.Dispose();

        Assert.Equal(4, scheduler.ConcurrencyLimit);
    }

    [Fact]
    public async Task QuotaExceeded_WaitersAndLaterCallsFailAtOnce_NothingMoreIsSent()
    {
        using EndpointScheduler scheduler = Scheduler(o => o.MaxConcurrency = 1);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int calls = 0;
        IChatClient client = new ScriptedChatClient(async (_, _, _) =>
        {
            Interlocked.Increment(ref calls);
            await release.Task;
            throw new ChatProviderException("You exceeded your current quota", ProviderErrorKind.QuotaExceeded, 429);
        }).WithScheduler(scheduler);

        Task<ChatResponse> first = client.GetResponseAsync("q");
        Task<ChatResponse>[] waiting = [.. Enumerable.Range(0, 3).Select(_ => client.GetResponseAsync("q"))];
        Assert.Equal(3, scheduler.QueueLength);
        release.SetResult();

        await Assert.ThrowsAsync<ChatProviderException>(() => first.WaitAsync(HangGuard));
        foreach (Task<ChatResponse> w in waiting)
        {
            ChatProviderException error = await Assert.ThrowsAsync<ChatProviderException>(() => w.WaitAsync(HangGuard));
            Assert.Equal(ProviderErrorKind.QuotaExceeded, error.Kind);
            Assert.Contains("quota is exhausted (insufficient_quota)", error.Message, StringComparison.Ordinal);
        }

        await Assert.ThrowsAsync<ChatProviderException>(() => client.GetResponseAsync("later"));
        Assert.Equal(1, calls);
        Assert.Equal(TimeSpan.Zero, _clock.Elapsed);
    }

    [Fact]
    public async Task Redirect_ForeignClient3xx_NeverRetried()
    {
        int calls = 0;
        IChatClient client = new ScriptedChatClient((_, _, _) =>
        {
            Interlocked.Increment(ref calls);
            throw new HttpRequestException("Moved", null, HttpStatusCode.PermanentRedirect);
        }).WithResilience(new ResilienceOptions { TimeProvider = _clock });

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetResponseAsync("q"));

        Assert.Equal(1, calls);
    }

    [Fact]
    public void BatchingLatency_AdaptiveAttemptTimeout_FollowsTheObservedLatency()
    {
        using var client = new ResilientChatClient(new ScriptedChatClient("ok"), new ResilienceOptions { TimeProvider = _clock });
        Assert.Equal(TimeSpan.FromMinutes(2), client.AttemptTimeoutFor(streaming: false));      // nothing observed yet: the ceiling

        Observe(client, 20, TimeSpan.FromMilliseconds(100));
        Assert.Equal(TimeSpan.FromSeconds(2), client.AttemptTimeoutFor(streaming: false));      // 3 × 0.1 s, raised to the floor

        // A batching server under load: every answer now takes 1.5 s. The timeout follows instead of cutting healthy calls.
        Observe(client, 256, TimeSpan.FromMilliseconds(1500));
        Assert.Equal(TimeSpan.FromSeconds(4.5), client.AttemptTimeoutFor(streaming: false));
        Assert.Equal(TimeSpan.FromMinutes(2), client.AttemptTimeoutFor(streaming: true));       // long generations are not hangs
    }

    private void Observe(ResilientChatClient client, int count, TimeSpan latency)
    {
        for (int i = 0; i < count; i++)
        {
            long id = client.Tracker.Start();
            _clock.Advance(latency);
            client.Tracker.Finish(id, succeeded: true);
        }
    }

    [Fact]
    public async Task RefusalsCount_RetryAfterBeyondOneRefill_BucketMirrorsTheProvidersDebt()
    {
        using EndpointScheduler scheduler = Scheduler(o => o.RequestsPerMinute = 600);    // 10 a second, a bucket of 10
        SchedulerLease refused = await scheduler.AcquireAsync(Request(), default);

        // The provider is 5 in debt (it counted refusals): one more fits in 0.6 s.
        refused.RateLimited(TimeSpan.FromMilliseconds(600), new RateLimitSignals(LimitRequests: 600, RemainingRequests: 0, RetryAfter: TimeSpan.FromMilliseconds(600)));
        refused.Dispose();

        Assert.Equal(1 - 6, scheduler.Levels().Requests!.Value, 6);
    }
}
