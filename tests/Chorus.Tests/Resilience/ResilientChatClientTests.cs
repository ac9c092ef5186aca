using Chorus.Tests.Running;
using Microsoft.Extensions.AI;
using Polly.CircuitBreaker;
using Chorus.Internal;
using Chorus.Providers;
using Chorus.Resilience;
using Chorus.Estimation;

namespace Chorus.Tests.Resilience;

public class ResilientChatClientTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(10);
    private readonly ManualTimeProvider _clock = new();

    private ResilienceOptions Options(Action<ResilienceOptions>? configure = null)
    {
        var options = new ResilienceOptions { TimeProvider = _clock, Randomizer = () => 0, AttemptTimeout = null, EnableCircuitBreaker = false };
        configure?.Invoke(options);
        return options;
    }

    private static ChatProviderException RateLimited(int retryAfterMs) =>
        new("slow down", ProviderErrorKind.RateLimited, 429, rateLimits: new RateLimitSignals(RetryAfter: TimeSpan.FromMilliseconds(retryAfterMs)));

    private static ChatProviderException ServerError() => new("boom", ProviderErrorKind.ServerError, 500);

    private Task<RunResult<string>> Run(IChatClient client) =>
        new PlanRunner(new PlanRunnerOptions { TimeProvider = _clock }).RunAsync(new Plan<string>("r", [new Branch("a", client, "q")], new RecordingAggregator()));

    /// <summary>Earlier calls that took 100 ms each: with 20 of them, one attempt running for 100 ms is past their 95th percentile.</summary>
    private void Seed(ResilientChatClient client, int calls)
    {
        for (int i = 0; i < calls; i++)
        {
            long id = client.Tracker.Start();
            _clock.Advance(TimeSpan.FromMilliseconds(100));
            client.Tracker.Finish(id, succeeded: true);
        }
    }

    [Fact]
    public async Task GetResponseAsync_429WithRetryAfter_RetriesExactlyThenAndReportsEveryAttempt()
    {
        int calls = 0;
        var inner = new ScriptedChatClient((_, _, _) => Interlocked.Increment(ref calls) == 1 ? throw RateLimited(1200) : Task.FromResult(ScriptedChatClient.Reply("ok", 10, 5)));
        IChatClient client = inner.WithResilience(Options());     // the jitter alone would wait 250 ms
        long armed = _clock.TimersArmed;

        Task<RunResult<string>> run = Run(client);
        await _clock.WaitForTimersArmedAsync(armed + 1);
        _clock.Advance(TimeSpan.FromMilliseconds(1199));
        Assert.Equal(1, calls);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        RunResult<string> result = await run.WaitAsync(HangGuard);

        Assert.Equal(2, calls);
        BranchOutcome outcome = Assert.Single(result.Outcomes);
        Assert.Equal(["call", "retry"], outcome.Attempts.Select(a => WireNames.Of(a.Kind)));
        Assert.Equal(["error", "ok"], outcome.Attempts.Select(a => WireNames.Of(a.Status)));
        Assert.Equal(429, outcome.Attempts[0].HttpStatus);
        Assert.Equal(TimeSpan.FromMilliseconds(1200), outcome.Attempts[1].StartedAt - outcome.Attempts[0].FinishedAt);
        Assert.Equal((1, 1), (result.Report.Http429, result.Report.Retries));
        Assert.Equal(15, result.Report.TotalTokens);         // the successful attempt's usage is reported too
        Assert.Equal(1200, result.Report.ThrottleWaitMs);
        Assert.Contains(result.Report.Timeline, e => WireNames.Of(e.Kind) == "throttled" && e.Detail == "1200 ms: retry-after");
    }

    [Fact]
    public async Task GetResponseAsync_ServerErrors_BackOffWithJitterUpToMaxAttempts()
    {
        int calls = 0;
        var inner = new ScriptedChatClient((_, _, _) =>
        {
            Interlocked.Increment(ref calls);
            throw ServerError();
        });
        IChatClient client = inner.WithResilience(Options(o =>
        {
            o.MaxRetryAttempts = 2;
            o.Randomizer = () => 0.5;
        }));
        long armed = _clock.TimersArmed;

        Task<ChatResponse> call = client.GetResponseAsync("q");
        await _clock.WaitForTimersArmedAsync(armed + 1);
        _clock.Advance(TimeSpan.FromMilliseconds(499));       // 250 + 0.5 × (750 − 250)
        Assert.Equal(1, calls);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await _clock.WaitForTimersArmedAsync(armed + 2);
        Assert.Equal(2, calls);
        _clock.Advance(TimeSpan.FromMilliseconds(875));        // 250 + 0.5 × (1500 − 250): up to 3 × the previous 500
        ChatProviderException error = await Assert.ThrowsAsync<ChatProviderException>(() => call.WaitAsync(HangGuard));

        Assert.Equal(3, calls);
        Assert.Equal(500, error.StatusCode);
    }

    [Fact]
    public async Task GetResponseAsync_BadRequest_NotRetried()
    {
        var inner = new ScriptedChatClient((_, _, _) => throw new ChatProviderException("bad", ProviderErrorKind.BadRequest, 400));
        IChatClient client = inner.WithResilience(Options());

        await Assert.ThrowsAsync<ChatProviderException>(() => client.GetResponseAsync("q"));
        Assert.Equal(1, inner.Calls);
    }

    [Fact]
    public async Task GetResponseAsync_CallerCancels_NeverRetried()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inner = new ScriptedChatClient(async (_, _, ct) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return ScriptedChatClient.Reply("never");
        });
        IChatClient client = inner.WithResilience(Options());
        using var cts = new CancellationTokenSource();

        Task<ChatResponse> call = client.GetResponseAsync("q", cancellationToken: cts.Token);
        await started.Task.WaitAsync(HangGuard);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(HangGuard));
        Assert.Equal(1, inner.Calls);
    }

    [Fact]
    public async Task GetResponseAsync_RetryAfterBeyondMaxRetryTime_GivesUpAtOnce()
    {
        var inner = new ScriptedChatClient((_, _, _) => throw RateLimited(90_000));
        IChatClient client = inner.WithResilience(Options(o => o.MaxRetryTime = TimeSpan.FromSeconds(60)));

        ChatProviderException error = await Assert.ThrowsAsync<ChatProviderException>(() => client.GetResponseAsync("q"));
        Assert.Equal(429, error.StatusCode);
        Assert.Equal(1, inner.Calls);
    }

    [Fact]
    public async Task GetResponseAsync_AttemptHangs_TimesOutAfterAttemptTimeout()
    {
        var inner = new ScriptedChatClient(async (_, _, ct) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return ScriptedChatClient.Reply("never");
        });
        IChatClient client = inner.WithResilience(Options(o =>
        {
            o.AttemptTimeout = TimeSpan.FromSeconds(5);
            o.MaxRetryAttempts = 0;
        }));
        long armed = _clock.TimersArmed;

        Task<RunResult<string>> run = Run(client);
        await _clock.WaitForTimersArmedAsync(armed + 1);
        _clock.Advance(TimeSpan.FromSeconds(5));
        RunResult<string> result = await run.WaitAsync(HangGuard);

        BranchOutcome outcome = Assert.Single(result.Outcomes);
        Assert.IsType<TimeoutException>(outcome.Error);
        Assert.Equal("timeout", WireNames.Of(Assert.Single(outcome.Attempts).Status));
    }

    [Fact]
    public async Task GetResponseAsync_AttemptRunsPastThePercentile_HedgeWins_LoserCancelledAndItsTokensCounted()
    {
        bool primaryCancelled = false;
        int calls = 0;
        var inner = new ScriptedChatClient(async (_, _, ct) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                try
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, ct);
                }
                catch (OperationCanceledException)
                {
                    primaryCancelled = true;
                    throw;
                }
            }

            return ScriptedChatClient.Reply("ok", 10, 5);
        });
        ResilientChatClient client = inner.WithResilience(Options(o =>
        {
            o.EnableHedging = true;
            o.HedgeBudget = 1;
        }));
        Seed(client, 20);
        long armed = _clock.TimersArmed;
        Task<RunResult<string>> run = Run(client);
        await _clock.WaitForTimersArmedAsync(armed + 1);
        _clock.Advance(TimeSpan.FromMilliseconds(99));
        Assert.Equal(1, calls);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        RunResult<string> result = await run.WaitAsync(HangGuard);

        Assert.True(primaryCancelled);
        BranchOutcome outcome = Assert.Single(result.Outcomes);
        Assert.True(outcome.Succeeded);
        AttemptRecord hedge = Assert.Single(outcome.Attempts, a => WireNames.Of(a.Kind) == "hedge");
        AttemptRecord primary = Assert.Single(outcome.Attempts, a => WireNames.Of(a.Kind) == "call");
        Assert.Equal("ok", WireNames.Of(hedge.Status));
        Assert.Equal("cancelled", WireNames.Of(primary.Status));
        Assert.Equal(TokenEstimator.Count([new ChatMessage(ChatRole.User, "q")]), primary.InputTokens);
        Assert.Equal((1, 1), (outcome.Hedges, outcome.HedgesWon));
        Assert.Equal(primary.InputTokens, outcome.WastedTokens);
        Assert.True(result.Report.Branches[0].TokensEstimated);
        Assert.Equal(100, result.Report.Branches[0].InFlightMs);     // the hedge overlapped nothing: it started as the primary was cut
    }

    [Fact]
    public async Task GetResponseAsync_NoHedgeBudget_WaitsForThePrimary()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inner = new ScriptedChatClient(async (_, _, ct) =>
        {
            await release.Task.WaitAsync(ct);
            return ScriptedChatClient.Reply("ok");
        });
        ResilientChatClient client = inner.WithResilience(Options(o =>
        {
            o.EnableHedging = true;
            o.HedgeBudget = 0.5;                                // the first call earns half a hedge: not enough
        }));
        Seed(client, 20);

        long armed = _clock.TimersArmed;
        Task<ChatResponse> call = client.GetResponseAsync("q");
        await _clock.WaitForTimersArmedAsync(armed + 1);
        _clock.Advance(TimeSpan.FromMilliseconds(500));       // past the threshold: it would hedge if the budget allowed
        Assert.True(SpinWait.SpinUntil(() => client.HedgeBudget.Refused == 1, HangGuard));
        Assert.Equal(1, inner.Calls);
        release.SetResult();
        await call.WaitAsync(HangGuard);

        Assert.Equal(1, inner.Calls);
        Assert.Equal(0.5, client.HedgeBudget.Credits, 9);
    }

    [Fact]
    public async Task CircuitBreaker_OpensOnFailures_FailsFast_HalfOpensAfterBreak_ClosesOnSuccess()
    {
        bool failing = true;
        CircuitState? seenInTrial = null;
        ResilientChatClient? client = null;
        var inner = new ScriptedChatClient((_, _, _) =>
        {
            seenInTrial = client!.CircuitState;
            return failing ? throw ServerError() : Task.FromResult(ScriptedChatClient.Reply("ok"));
        });
        client = inner.WithResilience(Options(o =>
        {
            o.MaxRetryAttempts = 0;
            o.EnableCircuitBreaker = true;
            o.CircuitMinimumThroughput = 2;
            o.CircuitFailureRatio = 0.5;
            o.CircuitBreakDuration = TimeSpan.FromSeconds(5);
        }));

        await Assert.ThrowsAsync<ChatProviderException>(() => client.GetResponseAsync("q"));
        Assert.Equal(CircuitState.Closed, client.CircuitState);
        await Assert.ThrowsAsync<ChatProviderException>(() => client.GetResponseAsync("q"));
        Assert.Equal(CircuitState.Open, client.CircuitState);

        ChatProviderException fast = await Assert.ThrowsAsync<ChatProviderException>(() => client.GetResponseAsync("q"));
        Assert.Equal(2, inner.Calls);                           // failed fast: the endpoint was not called
        Assert.StartsWith("The circuit for the endpoint is open: too many of its recent calls failed", fast.Message);
        Assert.IsType<BrokenCircuitException>(fast.InnerException);

        _clock.Advance(TimeSpan.FromSeconds(5));
        await Assert.ThrowsAsync<ChatProviderException>(() => client.GetResponseAsync("q"));   // the trial call fails: open again
        Assert.Equal(CircuitState.HalfOpen, seenInTrial);
        Assert.Equal(CircuitState.Open, client.CircuitState);

        _clock.Advance(TimeSpan.FromSeconds(5));
        failing = false;
        await client.GetResponseAsync("q");
        Assert.Equal(CircuitState.HalfOpen, seenInTrial);
        Assert.Equal(CircuitState.Closed, client.CircuitState);
        Assert.Equal(4, inner.Calls);
    }

    [Fact]
    public async Task CircuitOpen_OpenedByConnectionFailures_FailFastErrorSaysConnectionFailedAndWhy()
    {
        var inner = new ScriptedChatClient((_, _, _) =>
            throw new ChatProviderException("connection refused by 127.0.0.1:9", ProviderErrorKind.ConnectionFailed));
        ResilientChatClient client = inner.WithResilience(Options(o =>
        {
            o.MaxRetryAttempts = 0;
            o.EnableCircuitBreaker = true;
            o.CircuitMinimumThroughput = 2;
            o.CircuitFailureRatio = 0.5;
        }));
        await Assert.ThrowsAsync<ChatProviderException>(() => client.GetResponseAsync("q"));
        await Assert.ThrowsAsync<ChatProviderException>(() => client.GetResponseAsync("q"));

        ChatProviderException fast = await Assert.ThrowsAsync<ChatProviderException>(() => client.GetResponseAsync("q"));

        Assert.Equal(2, inner.Calls);
        Assert.Equal(ProviderErrorKind.ConnectionFailed, fast.Kind);     // not a generic server error: callers can tell "unreachable"
        Assert.Contains("it opened on: connection refused by 127.0.0.1:9", fast.Message);
    }

    [Fact]
    public async Task CircuitBreaker_RateLimitsDoNotOpenIt()
    {
        var inner = new ScriptedChatClient((_, _, _) => throw RateLimited(10));
        ResilientChatClient client = inner.WithResilience(Options(o =>
        {
            o.MaxRetryAttempts = 0;
            o.EnableCircuitBreaker = true;
            o.CircuitMinimumThroughput = 2;
        }));

        for (int i = 0; i < 4; i++)
        {
            await Assert.ThrowsAsync<ChatProviderException>(() => client.GetResponseAsync("q"));
        }

        Assert.Equal(CircuitState.Closed, client.CircuitState);
    }

    [Fact]
    public async Task CircuitOpen_WithFallbackClient_CallsTheFallback()
    {
        var inner = new ScriptedChatClient((_, _, _) => throw ServerError());
        var fallback = new ScriptedChatClient("from fallback");
        ResilientChatClient client = inner.WithResilience(Options(o =>
        {
            o.MaxRetryAttempts = 0;
            o.EnableCircuitBreaker = true;
            o.CircuitMinimumThroughput = 2;
            o.FallbackClient = fallback;
        }));
        await Assert.ThrowsAsync<ChatProviderException>(() => client.GetResponseAsync("q"));
        await Assert.ThrowsAsync<ChatProviderException>(() => client.GetResponseAsync("q"));

        ChatResponse response = await client.GetResponseAsync("q");
        Assert.Equal("from fallback", response.Text);
        Assert.Equal(2, inner.Calls);
    }
}
