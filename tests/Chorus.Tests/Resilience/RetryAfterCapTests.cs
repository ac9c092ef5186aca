using Chorus.TestKit;
using Chorus.Tests.Running;
using Microsoft.Extensions.AI;
using Chorus.Providers;
using Chorus.Resilience;
using Chorus.Scheduling;

namespace Chorus.Tests.Resilience;

/// <summary>Absurd waits are bounded and explained: a <c>retry-after: 99999</c> neither stalls a run for a day nor passes silently.</summary>
public sealed class RetryAfterCapTests
{
    private static readonly TimeSpan Absurd = TimeSpan.FromSeconds(99_999);

    private static ScriptedChatClient FirstCallRefusedFor(TimeSpan retryAfter)
    {
        int calls = 0;
        return new ScriptedChatClient((_, _, _) => Interlocked.Increment(ref calls) == 1
            ? throw new ChatProviderException("slow down", ProviderErrorKind.RateLimited, 429, rateLimits: new RateLimitSignals(RetryAfter: retryAfter))
            : Task.FromResult(ScriptedChatClient.Reply("ok")));
    }

    [Fact]
    public async Task RunAsync_RetryAfter99999WithDeadline30s_EndsAt30sWithTheWaitExplained()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        using var scheduler = new EndpointScheduler(new EndpointSchedulerOptions { TimeProvider = clock });
        IChatClient client = FirstCallRefusedFor(Absurd).WithScheduler(scheduler)
            .WithResilience(new ResilienceOptions { TimeProvider = clock, MaxRetryTime = TimeSpan.FromDays(2), Randomizer = () => 0 });
        var waiting = new TaskCompletionSource<TimelineEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        var runner = new PlanRunner(new PlanRunnerOptions
        {
            TimeProvider = clock,
            OnEvent = e => { if (e.Kind == TimelineEventKind.Waiting) { waiting.TrySetResult(e); } },
        });
        var plan = new Plan<string>("absurd", [new Branch("b0", client, "q")], new RecordingAggregator(),
            FailurePolicy.BestEffort, new RunLimits { Deadline = TimeSpan.FromSeconds(30) });

        Task<RunResult<string>> run = runner.RunAsync(plan);
        TimelineEvent explained = await waiting.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(run.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(30));
        RunResult<string> failed = await run.WaitAsync(TimeSpan.FromSeconds(10));

        // The wait is capped at 5 minutes (ResilienceOptions.MaxRetryAfter) and said so; the run's deadline ends it at 30 s.
        Assert.Equal("waiting for budget until 12:05:00 (provider asked for 99999 s, capped)", explained.Detail);
        BranchOutcome outcome = Assert.Single(failed.Outcomes);
        Assert.Equal(BranchStatus.TimedOut, outcome.Status);
        Assert.Contains("deadline", outcome.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(30_000, failed.Report.Branches[0].DurationMs);
        Assert.Contains(failed.Report.Timeline, e => e.Kind == TimelineEventKind.Waiting && e.Detail!.Contains("provider asked for 99999 s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetResponseAsync_RetryAfterPastMaxRetryTime_FailsAtOnceSayingWhy()
    {
        var clock = new ManualTimeProvider();
        IChatClient client = FirstCallRefusedFor(Absurd).WithResilience(new ResilienceOptions { TimeProvider = clock, Randomizer = () => 0 });
        var events = new List<TimelineEvent>();
        var runner = new PlanRunner(new PlanRunnerOptions { TimeProvider = clock, OnEvent = e => { lock (events) { events.Add(e); } } });
        var plan = new Plan<string>("absurd", [new Branch("b0", client, "q")], new RecordingAggregator(), FailurePolicy.BestEffort);

        RunResult<string> failed = await runner.RunAsync(plan).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(ProviderErrorKind.RateLimited, ((ChatProviderException)Assert.Single(failed.Outcomes).Error!).Kind);
        Assert.Equal(0, failed.Report.Branches[0].DurationMs);
        Assert.Contains(failed.Report.Timeline, e => e.Kind == TimelineEventKind.GaveUp
            && e.Detail == "not retrying: the provider asked to wait 99999 s, past the retry time of 00:02:00 (ResilienceOptions.MaxRetryTime)");
    }

    [Fact]
    public async Task Scheduler_RetryAfter99999_PausesAdmissionsOnlyUntilTheCap()
    {
        var clock = new ManualTimeProvider();
        using var scheduler = new EndpointScheduler(new EndpointSchedulerOptions { TimeProvider = clock, MaxRetryAfter = TimeSpan.FromSeconds(60) });
        IChatClient client = FirstCallRefusedFor(Absurd).WithScheduler(scheduler);
        await Assert.ThrowsAsync<ChatProviderException>(() => client.GetResponseAsync("q"));

        long armed = clock.TimersArmed;
        Task<ChatResponse> next = client.GetResponseAsync("q");
        await clock.WaitForTimersArmedAsync(armed + 1).WaitAsync(TimeSpan.FromSeconds(10));
        clock.Advance(TimeSpan.FromSeconds(59.999));
        Assert.False(next.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal("ok", (await next.WaitAsync(TimeSpan.FromSeconds(10))).Text);
    }
}
