using Microsoft.Extensions.AI;
using Chorus.Providers;
using Chorus.Scheduling;

namespace Chorus.Tests.Scheduling;

public class EndpointSchedulerTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(10);
    private readonly ManualTimeProvider _clock = new();

    private EndpointScheduler Scheduler(Action<EndpointSchedulerOptions>? configure = null)
    {
        // These tests follow the window from a slow start of one call; the default (16) is pinned in EndpointSchedulerOptionsTests.
        var options = new EndpointSchedulerOptions { TimeProvider = _clock, InitialConcurrency = 1 };
        configure?.Invoke(options);
        return new EndpointScheduler(options);
    }

    private static SchedulerRequest Request(object? flow = null, int lane = 1, long tokens = 10) => new(tokens, 0, 1, true, lane, flow ?? new object());

    internal static ChatResponse Reply(long input, long output, RateLimitSignals? signals = null)
    {
        ChatResponse response = ScriptedChatClient.Reply("ok", input, output);
        if (signals is not null)
        {
            response.AdditionalProperties = new() { [ProviderResponseInfo.AdditionalPropertiesKey] = new ProviderResponseInfo(200, null, signals) };
        }

        return response;
    }

    [Fact]
    public async Task AcquireAsync_RequestsPerMinute_NextCallWaitsForTheRefillToTheMillisecond()
    {
        using EndpointScheduler scheduler = Scheduler(o => o.RequestsPerMinute = 60);    // a bucket of 1, refilled in 1 s
        using SchedulerLease first = await scheduler.AcquireAsync(Request(), default);
        long armed = _clock.TimersArmed;

        Task<SchedulerLease> second = scheduler.AcquireAsync(Request(), default);
        await _clock.WaitForTimersArmedAsync(armed + 1);
        _clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(second.IsCompleted);
        Assert.Equal(1, scheduler.QueueLength);

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        using SchedulerLease lease = await second.WaitAsync(HangGuard);
        Assert.Equal(TimeSpan.FromSeconds(1), lease.Wait);
        Assert.Equal(SchedulerBlock.Requests, lease.BlockedBy);
        Assert.Equal(2, scheduler.InFlight);
    }

    [Fact]
    public async Task AcquireAsync_TokensPerMinute_WaitsForTheCallsTokens()
    {
        using EndpointScheduler scheduler = Scheduler(o => o.TokensPerMinute = 6000);    // 100 a second, a bucket of 100
        using SchedulerLease first = await scheduler.AcquireAsync(Request(tokens: 80), default);
        long armed = _clock.TimersArmed;

        Task<SchedulerLease> second = scheduler.AcquireAsync(Request(tokens: 50), default);
        await _clock.WaitForTimersArmedAsync(armed + 1);
        _clock.Advance(TimeSpan.FromMilliseconds(299));
        Assert.False(second.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        using SchedulerLease lease = await second.WaitAsync(HangGuard);
        Assert.Equal(SchedulerBlock.Tokens, lease.BlockedBy);
    }

    [Fact]
    public async Task GetResponseAsync_UsageDiffersFromEstimate_BucketChargedTheActualTokens()
    {
        using EndpointScheduler scheduler = Scheduler(o =>
        {
            o.TokensPerMinute = 6000;
            o.BurstSeconds = 60;              // the whole minute at once, so no refill is needed
            o.ExpectedOutputTokens = 95;
        });
        var client = new ScriptedChatClient((_, _, _) => Task.FromResult(Reply(25, 295))).WithScheduler(scheduler);

        await client.GetResponseAsync("q");   // estimated 5 + 95 = 100; actual 25 + 295 = 320

        Assert.Equal(6000 - 320, scheduler.Levels().Tokens!.Value, 6);
        Assert.Equal(95 + (0.2 * (295 - 95)), scheduler.ExpectedOutputTokens, 6);
    }

    [Fact]
    public async Task GetResponseAsync_MaxTokensSet_ChargedInFullAsProvidersDo()
    {
        using EndpointScheduler scheduler = Scheduler(o =>
        {
            o.TokensPerMinute = 6000;
            o.BurstSeconds = 60;
        });
        var client = new ScriptedChatClient((_, _, _) => Task.FromResult(Reply(5, 50))).WithScheduler(scheduler);

        await client.GetResponseAsync("q", new ChatOptions { MaxOutputTokens = 200 });

        Assert.Equal(6000 - 205, scheduler.Levels().Tokens!.Value, 6);
        Assert.Equal(256, scheduler.ExpectedOutputTokens);    // a capped call says nothing about natural output length
    }

    [Fact]
    public async Task GetResponseAsync_429WithRetryAfter_NoCallStartsBeforeItToTheMillisecond_AndWindowHalves()
    {
        using EndpointScheduler scheduler = Scheduler(o =>
        {
            o.MaxConcurrency = 4;
            o.LearnLimitsFromHeaders = false;
        });
        int calls = 0;
        var client = new ScriptedChatClient((_, _, _) => Interlocked.Increment(ref calls) == 1
            ? throw new ChatProviderException("slow down", ProviderErrorKind.RateLimited, 429, rateLimits: new RateLimitSignals(RetryAfter: TimeSpan.FromMilliseconds(1500)))
            : Task.FromResult(Reply(5, 5))).WithScheduler(scheduler);

        await Assert.ThrowsAsync<ChatProviderException>(() => client.GetResponseAsync("q"));
        Assert.Equal(2, scheduler.ConcurrencyLimit);

        long armed = _clock.TimersArmed;
        Task<ChatResponse> next = client.GetResponseAsync("q");
        await _clock.WaitForTimersArmedAsync(armed + 1);
        _clock.Advance(TimeSpan.FromMilliseconds(1499));
        Assert.Equal(1, scheduler.QueueLength);
        Assert.Equal(1, calls);

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await next.WaitAsync(HangGuard);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task RateLimited_SeveralFromOneRound_CutTheWindowOnce_ThenItRecoversAdditively()
    {
        using EndpointScheduler scheduler = Scheduler(o =>
        {
            o.MaxConcurrency = 8;
            o.LearnLimitsFromHeaders = false;
        });
        SchedulerLease a = await scheduler.AcquireAsync(Request(), default);
        SchedulerLease b = await scheduler.AcquireAsync(Request(), default);

        a.RateLimited(TimeSpan.FromSeconds(1), RateLimitSignals.Empty);
        b.RateLimited(TimeSpan.FromSeconds(1), RateLimitSignals.Empty);   // admitted before the cut: same congestion event
        a.Dispose();
        b.Dispose();
        Assert.Equal(4, scheduler.ConcurrencyLimit);

        long armed = _clock.TimersArmed;
        Task<SchedulerLease> pending = scheduler.AcquireAsync(Request(), default);
        await _clock.WaitForTimersArmedAsync(armed + 1);
        _clock.Advance(TimeSpan.FromSeconds(1));
        SchedulerLease c = await pending.WaitAsync(HangGuard);
        c.RateLimited(TimeSpan.FromSeconds(1), RateLimitSignals.Empty);   // admitted after the cut: a new event
        c.Dispose();
        Assert.Equal(2, scheduler.ConcurrencyLimit);

        _clock.Advance(TimeSpan.FromSeconds(1));
        for (int i = 0; i < 2; i++)
        {
            using SchedulerLease ok = await scheduler.AcquireAsync(Request(), default);
            ok.Succeeded(null, null);
        }

        Assert.Equal(3, scheduler.ConcurrencyLimit);
        for (int i = 0; i < 3; i++)
        {
            using SchedulerLease ok = await scheduler.AcquireAsync(Request(), default);
            ok.Succeeded(null, null);
        }

        Assert.Equal(4, scheduler.ConcurrencyLimit);
    }

    [Fact]
    public async Task Succeeded_HeadersReportLimits_BudgetsLearnedAndSlowStartEnds()
    {
        using EndpointScheduler scheduler = Scheduler(o => o.MaxConcurrency = 8);
        Assert.Equal(1, scheduler.ConcurrencyLimit);      // slow start: nothing is known yet
        Assert.Null(scheduler.RequestsPerMinute);

        SchedulerLease first = await scheduler.AcquireAsync(Request(tokens: 300), default);
        Task<SchedulerLease> second = scheduler.AcquireAsync(Request(tokens: 300), default);
        Assert.False(second.IsCompleted);

        _clock.Advance(TimeSpan.FromMilliseconds(50));
        first.Succeeded(
            new RateLimitSignals(LimitRequests: 600, RemainingRequests: 9, ResetRequests: TimeSpan.FromMilliseconds(100),
                LimitTokens: 200_000, RemainingTokens: 3_033, ResetTokens: TimeSpan.FromMilliseconds(90)),
            null);
        first.Dispose();

        using SchedulerLease lease = await second.WaitAsync(HangGuard);
        Assert.Equal(600, scheduler.RequestsPerMinute);
        Assert.Equal(200_000, scheduler.TokensPerMinute);
        Assert.Equal(8, scheduler.ConcurrencyLimit);
        (double? requests, double? tokens) = scheduler.Levels();
        Assert.Equal(9 + 0.5 - 1, requests!.Value, 6);                       // remaining + 50 ms of refill, minus the second call
        Assert.Equal(3033 + (200_000 / 60.0 * 0.05) - 300, tokens!.Value, 6); // the same for tokens; the bucket holds 3,033 + 90 ms × 3,333/s
    }

    [Fact]
    public async Task Succeeded_NoHeaders_FirstAnswerSizesTheWindow_ThenSlowStartGrowsByOnePerSuccess()
    {
        using EndpointScheduler scheduler = Scheduler(o => o.MaxConcurrency = 8);
        SchedulerLease first = await scheduler.AcquireAsync(Request(), default);
        first.Succeeded(null, null);
        first.Dispose();
        Assert.Equal(4, scheduler.ConcurrencyLimit);      // no limits said, no 429 seen: four times the initial window at once

        SchedulerLease second = await scheduler.AcquireAsync(Request(), default);
        second.Succeeded(RateLimitSignals.Empty, null);
        second.Dispose();
        Assert.Equal(5, scheduler.ConcurrencyLimit);      // then one more per answer (doubling per round trip)
    }

    [Fact]
    public async Task AcquireAsync_ConcurrentRuns_TakeTurns_AndSecondStageGoesFirst()
    {
        using EndpointScheduler scheduler = Scheduler(o =>
        {
            o.MaxConcurrency = 1;
            o.LearnLimitsFromHeaders = false;
        });
        object runA = new(), runB = new();
        SchedulerLease held = await scheduler.AcquireAsync(Request(), default);
        var waiting = new List<(string Name, Task<SchedulerLease> Task)>
        {
            ("a1", scheduler.AcquireAsync(Request(runA), default)),
            ("a2", scheduler.AcquireAsync(Request(runA), default)),
            ("a3", scheduler.AcquireAsync(Request(runA), default)),
            ("b1", scheduler.AcquireAsync(Request(runB), default)),
            ("b2", scheduler.AcquireAsync(Request(runB), default)),
            ("judge", scheduler.AcquireAsync(Request(runB, lane: 0), default)),
        };

        var order = new List<string>();
        while (waiting.Count > 0)
        {
            held.Dispose();                               // each release admits exactly one: the window is one
            Task<SchedulerLease> admitted = await Task.WhenAny(waiting.Select(w => w.Task)).WaitAsync(HangGuard);
            (string name, Task<SchedulerLease> task) = Assert.Single(waiting, w => w.Task == admitted);
            order.Add(name);
            waiting.RemoveAll(w => w.Name == name);
            held = await task;
        }

        held.Dispose();
        Assert.Equal(["judge", "a1", "b1", "a2", "b2", "a3"], order);
    }

    [Fact]
    public async Task AcquireAsync_CancelledWhileQueued_TakesAndReleasesNothing()
    {
        using EndpointScheduler scheduler = Scheduler(o =>
        {
            o.RequestsPerMinute = 60;
            o.TokensPerMinute = 60_000;
            o.MaxConcurrency = 2;
        });
        using SchedulerLease first = await scheduler.AcquireAsync(Request(tokens: 100), default);
        (double? requestsBefore, double? tokensBefore) = scheduler.Levels();
        long armed = _clock.TimersArmed;
        using var cts = new CancellationTokenSource();
        Task<SchedulerLease> cancelled = scheduler.AcquireAsync(Request(tokens: 100), cts.Token);
        Task<SchedulerLease> behind = scheduler.AcquireAsync(Request(tokens: 100), default);
        await _clock.WaitForTimersArmedAsync(armed + 1);

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(HangGuard));
        Assert.Equal((1, 1), (scheduler.InFlight, scheduler.QueueLength));
        Assert.Equal((requestsBefore, tokensBefore), scheduler.Levels());

        _clock.Advance(TimeSpan.FromSeconds(1));          // the one behind it gets the refill, exactly when it comes
        using SchedulerLease next = await behind.WaitAsync(HangGuard);
        Assert.Equal(2, scheduler.InFlight);
    }

    [Fact]
    public async Task AcquireAsync_CancelledWhileWaitingForASlot_ReleaseDoesNotGoNegative()
    {
        using EndpointScheduler scheduler = Scheduler(o =>
        {
            o.MaxConcurrency = 1;
            o.LearnLimitsFromHeaders = false;
        });
        SchedulerLease held = await scheduler.AcquireAsync(Request(), default);
        using var cts = new CancellationTokenSource();
        Task<SchedulerLease> waiting = scheduler.AcquireAsync(Request(), cts.Token);

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(HangGuard));
        held.Dispose();
        held.Dispose();                                   // releasing twice releases once

        Assert.Equal((0, 0), (scheduler.InFlight, scheduler.QueueLength));
        using SchedulerLease a = await scheduler.AcquireAsync(Request(), default);
        Assert.False(scheduler.AcquireAsync(Request(), default).IsCompleted);   // still a window of one
    }

    [Fact]
    public async Task GetResponseAsync_InARun_QueueTimeIsReportedAsThrottleWait()
    {
        using EndpointScheduler scheduler = Scheduler(o => o.RequestsPerMinute = 60);
        IChatClient client = new ScriptedChatClient("ok").WithScheduler(scheduler);
        var runner = new PlanRunner(new PlanRunnerOptions { TimeProvider = _clock });
        var plan = new Plan<string>("throttled", [new Branch("a", client, "q"), new Branch("b", client, "q")], new RecordingAggregator());
        long armed = _clock.TimersArmed;

        Task<RunResult<string>> run = runner.RunAsync(plan);
        await _clock.WaitForTimersArmedAsync(armed + 1);
        _clock.Advance(TimeSpan.FromSeconds(1));
        RunResult<string> result = await run.WaitAsync(HangGuard);

        Assert.Equal(1000, result.Report.ThrottleWaitMs);
        Assert.Contains(result.Report.Timeline, e => WireNames.Of(e.Kind) == "throttled" && e.Detail == "1000 ms: requests/min");
    }
}
