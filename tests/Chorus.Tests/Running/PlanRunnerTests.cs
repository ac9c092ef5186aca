using System.Diagnostics;
using Microsoft.Extensions.AI;
using Chorus.Estimation;
using Chorus.Providers;
using Chorus.Reporting;

namespace Chorus.Tests.Running;

public class PlanRunnerTests
{
    private static Branch[] Branches(int n, IChatClient client) =>
        [.. Enumerable.Range(0, n).Select(i => new Branch($"b{i}", client, $"prompt {i}"))];

    private static int IndexOf(IEnumerable<ChatMessage> messages) => int.Parse(messages.Last().Text.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task RunAsync_BranchesFinishInReverseOrder_OutcomesAreInBranchOrder()
    {
        var releases = Enumerable.Range(0, 4).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var gate = new Gate();
        var client = new ScriptedChatClient((m, _, ct) => gate.RunAsync(async () =>
        {
            int i = IndexOf(m);
            await releases[i].Task.WaitAsync(ct);
            return ScriptedChatClient.Reply($"answer {i}");
        }));
        var aggregator = new RecordingAggregator();
        var plan = new Plan<string>("order", Branches(4, client), aggregator, limits: new RunLimits { MaxConcurrency = 4 });

        Task<RunResult<string>> run = PlanRunner.Default.RunAsync(plan);
        await gate.WhenStarted(4);
        for (int i = 3; i >= 0; i--)
        {
            releases[i].SetResult();
        }

        RunResult<string> result = await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["b0", "b1", "b2", "b3"], result.Outcomes.Select(o => o.Label));
        Assert.Equal([0, 1, 2, 3], result.Outcomes.Select(o => o.Index));
        Assert.Equal("answer 0,answer 1,answer 2,answer 3", result.Value);
        Assert.Equal(4, aggregator.Added.Count);
        Assert.Equal(["b0", "b1", "b2", "b3"], result.Report.Branches.Select(b => b.Label));
    }

    [Fact]
    public async Task RunAsync_MaxConcurrencyTwo_NeverMoreThanTwoInFlight()
    {
        var gate = new Gate();
        var client = new ScriptedChatClient((_, _, ct) => gate.RunAsync(async () =>
        {
            await gate.Released.WaitAsync(ct);
            return ScriptedChatClient.Reply("ok");
        }));
        var plan = new Plan<string>("bounded", Branches(5, client), new RecordingAggregator(), limits: new RunLimits { MaxConcurrency = 2 });

        Task<RunResult<string>> run = PlanRunner.Default.RunAsync(plan);
        await gate.WhenStarted(2);
        Assert.False(run.IsCompleted);
        Assert.Equal(2, gate.InFlight);
        gate.Release();

        RunResult<string> result = await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(5, result.Outcomes.Count);
        Assert.Equal(2, gate.Peak);
        Assert.All(result.Outcomes, o => Assert.Equal(BranchStatus.Succeeded, o.Status));
    }

    [Fact]
    public async Task RunAsync_CallerCancels_EveryCallStopsBeforeTheRunReturnsAndReportIsKept()
    {
        var gate = new Gate();
        var client = new ScriptedChatClient((_, _, ct) => gate.RunAsync(async () =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return ScriptedChatClient.Reply("never");
        }));
        var plan = new Plan<string>("cancel", Branches(6, client), new RecordingAggregator(), limits: new RunLimits { MaxConcurrency = 3 });
        using var cts = new CancellationTokenSource();

        Task<RunResult<string>> run = PlanRunner.Default.RunAsync(plan, cts.Token);
        await gate.WhenStarted(3);
        cts.Cancel();

        RunCanceledException ex = await Assert.ThrowsAsync<RunCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, gate.InFlight);             // nothing keeps running after the run returns
        Assert.Equal(3, gate.Started);              // nothing new started after the cancel
        Assert.Equal(cts.Token, ex.CancellationToken);
        Assert.Equal(6, ex.Outcomes.Count);
        Assert.Equal(3, ex.Outcomes.Count(o => o.Status == BranchStatus.Cancelled));
        Assert.Equal(3, ex.Outcomes.Count(o => o.Status == BranchStatus.Skipped));
        Assert.NotNull(ex.Report);
        Assert.Equal("failed", ex.Report!.Status);
        Assert.Equal(6, ex.Report.Branches.Count);
    }

    [Fact]
    public async Task RunAsync_BranchTimeout_IsATimedOutFailureNotACancellation()
    {
        var clock = new ManualTimeProvider();
        var gate = new Gate();
        var client = new ScriptedChatClient((m, _, ct) => gate.RunAsync(async () =>
        {
            if (IndexOf(m) == 1)
            {
                await Task.Delay(Timeout.Infinite, ct);
            }

            return ScriptedChatClient.Reply("fast");
        }));
        var runner = new PlanRunner(new PlanRunnerOptions { TimeProvider = clock });
        var plan = new Plan<string>("timeout", Branches(2, client), new RecordingAggregator(), limits: new RunLimits { BranchTimeout = TimeSpan.FromSeconds(5) });

        long armed = clock.TimersArmed;
        Task<RunResult<string>> run = runner.RunAsync(plan);
        await clock.WaitForTimersArmedAsync(armed + 2);
        await gate.WhenStarted(2);
        Assert.False(run.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(5));

        RunResult<string> result = await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(BranchStatus.Succeeded, result.Outcomes[0].Status);
        Assert.Equal(BranchStatus.TimedOut, result.Outcomes[1].Status);
        Assert.IsType<TimeoutException>(result.Outcomes[1].Error);
        Assert.Contains("timeout of 00:00:05", result.Outcomes[1].Error!.Message);
        Assert.Equal(1, result.Report.Failed);
        Assert.Equal("timed_out", result.Report.Branches[1].Status);
        Assert.Equal(5000, result.Report.Branches[1].DurationMs);
    }

    [Fact]
    public async Task RunAsync_Deadline_RunningAndUnstartedBranchesTimeOut()
    {
        var clock = new ManualTimeProvider();
        var gate = new Gate();
        var client = new ScriptedChatClient((_, _, ct) => gate.RunAsync(async () =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return ScriptedChatClient.Reply("never");
        }));
        var runner = new PlanRunner(new PlanRunnerOptions { TimeProvider = clock });
        var plan = new Plan<string>("deadline", Branches(3, client), new RecordingAggregator(),
            limits: new RunLimits { MaxConcurrency = 1, Deadline = TimeSpan.FromSeconds(30) });

        long armed = clock.TimersArmed;
        Task<RunResult<string>> run = runner.RunAsync(plan);
        await clock.WaitForTimersArmedAsync(armed + 1);
        await gate.WhenStarted(1);
        clock.Advance(TimeSpan.FromSeconds(30));

        RunResult<string> result = await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.All(result.Outcomes, o => Assert.Equal(BranchStatus.TimedOut, o.Status));
        Assert.Equal(1, gate.Started);
        Assert.Contains("deadline", result.Outcomes[0].Error!.Message);
        Assert.Contains("never started", result.Outcomes[2].Error!.Message);
        Assert.Contains(result.Report.Timeline, e => WireNames.Of(e.Kind) == "deadline");
    }

    [Fact]
    public async Task RunAsync_FailFast_CancelsSiblingsAndNamesTheFailedBranch()
    {
        var gate = new Gate();
        var client = new ScriptedChatClient((m, _, ct) => gate.RunAsync<ChatResponse>(async () =>
        {
            if (IndexOf(m) == 2)
            {
                await gate.WhenStarted(3);
                throw new InvalidOperationException("provider exploded");
            }

            await Task.Delay(Timeout.Infinite, ct);
            throw new UnreachableException();
        }));
        var plan = new Plan<string>("failfast", Branches(5, client), new RecordingAggregator(), FailurePolicy.FailFast, new RunLimits { MaxConcurrency = 3 });

        RunFailedException ex = await Assert.ThrowsAsync<RunFailedException>(() => PlanRunner.Default.RunAsync(plan).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("b2", ex.FailedBranch);
        Assert.IsType<InvalidOperationException>(ex.InnerException);
        Assert.Contains("provider exploded", ex.Message);
        Assert.Equal(0, gate.InFlight);
        Assert.Equal(3, gate.Started);
        Assert.Equal(5, ex.Outcomes.Count);
        Assert.Equal(BranchStatus.Failed, ex.Outcomes[2].Status);
        Assert.Equal(2, ex.Outcomes.Count(o => o.Status == BranchStatus.Cancelled));
        Assert.Equal(2, ex.Outcomes.Count(o => o.Status == BranchStatus.Skipped));
        Assert.Equal("failed", ex.Report!.Status);
    }

    [Theory]
    [InlineData(2, true)]
    [InlineData(3, false)]
    public async Task RunAsync_Quorum_SucceedsWithAbstentionsOrFailsWhenOutOfReach(int failures, bool succeeds)
    {
        var client = new ScriptedChatClient((m, _, _) => IndexOf(m) < failures
            ? Task.FromException<ChatResponse>(new ChatProviderException("HTTP 500", ProviderErrorKind.ServerError, 500))
            : Task.FromResult(ScriptedChatClient.Reply("ok")));
        var aggregator = new RecordingAggregator();
        var plan = new Plan<string>("quorum", Branches(5, client), aggregator, FailurePolicy.Quorum(3), new RunLimits { MaxConcurrency = 1 });

        if (succeeds)
        {
            RunResult<string> result = await PlanRunner.Default.RunAsync(plan);
            Assert.Equal(2, result.Report.Failed);
            Assert.Equal(3, result.Report.Succeeded);
            Assert.Equal(2, aggregator.Added.Count(o => o.Status == BranchStatus.Failed));   // abstentions reach the aggregator
            Assert.Equal(500, result.Outcomes[0].Attempts[0].HttpStatus);
            Assert.Equal("HTTP 500", result.Report.Branches[0].Error);
        }
        else
        {
            RunFailedException ex = await Assert.ThrowsAsync<RunFailedException>(() => PlanRunner.Default.RunAsync(plan));
            Assert.Contains("quorum of 3 of 5 can no longer be reached", ex.Message);
            Assert.Equal("b2", ex.FailedBranch);
            Assert.Equal(2, ex.Outcomes.Count(o => o.Status == BranchStatus.Skipped));   // stopped early, nothing more spent
            Assert.Equal(3, client.Calls);
        }
    }

    [Fact]
    public async Task RunAsync_QuorumAndTheAnswerSettlesEarly_RunContinuesUntilTheQuorumThenCancelsTheRest()
    {
        var gate = new Gate();
        var client = new ScriptedChatClient((m, _, ct) => gate.RunAsync(async () =>
        {
            if (IndexOf(m) >= 4)
            {
                await Task.Delay(Timeout.Infinite, ct);
            }

            await gate.WhenStarted(5);    // all five in flight before any answers
            return ScriptedChatClient.Reply("yes");
        }));
        var aggregator = new RecordingAggregator(settle: added => added.Count(o => o.Succeeded) >= 2);
        var plan = new Plan<string>("early", Branches(5, client), aggregator, FailurePolicy.Quorum(4), new RunLimits { MaxConcurrency = 5 });

        RunResult<string> result = await PlanRunner.Default.RunAsync(plan).WaitAsync(TimeSpan.FromSeconds(10));

        // Settled at 2, but the policy asked for 4: the run stops only once 4 have succeeded (issue 12, item 5).
        Assert.Equal(4, result.Report.Succeeded);
        Assert.Equal(0, result.Report.Failed);
        Assert.Equal(BranchStatus.Cancelled, result.Outcomes[4].Status);
        Assert.Equal("ok", result.Report.Status);
    }

    [Fact]
    public async Task RunAsync_BestEffortAllFail_AggregatorDecidesAndEveryFailureIsListed()
    {
        var client = new ScriptedChatClient((_, _, _) => Task.FromException<ChatResponse>(new InvalidOperationException("down")));
        var plan = new Plan<string>("best", Branches(3, client), new RecordingAggregator(), FailurePolicy.BestEffort);

        RunResult<string> result = await PlanRunner.Default.RunAsync(plan);
        Assert.Equal(string.Empty, result.Value);
        Assert.Equal(3, result.Report.Failed);
        Assert.All(result.Report.Branches, b => Assert.Equal("down", b.Error));
    }

    [Fact]
    public async Task RunAsync_PrimaryFails_FallbackAnswersAndBothAttemptsAreCounted()
    {
        var primary = new ScriptedChatClient((_, _, _) => Task.FromException<ChatResponse>(new ChatProviderException("HTTP 503", ProviderErrorKind.ServerError, 503)));
        var fallback = new ScriptedChatClient((_, o, _) => Task.FromResult(ScriptedChatClient.Reply($"from {o?.ModelId}", 7, 3, o?.ModelId)));
        var branch = new Branch("main", primary, "q").WithFallback(fallback, new ChatOptions { ModelId = "backup-model" });
        var plan = new Plan<string>("fallback", [branch], new RecordingAggregator(), FailurePolicy.FailFast);

        RunResult<string> result = await PlanRunner.Default.RunAsync(plan);
        BranchOutcome outcome = Assert.Single(result.Outcomes);
        Assert.Equal(BranchStatus.Succeeded, outcome.Status);
        Assert.True(outcome.UsedFallback);
        Assert.Equal("from backup-model", outcome.Text);
        Assert.Equal("backup-model", outcome.Model);
        Assert.Equal(["call", "fallback"], outcome.Attempts.Select(a => WireNames.Of(a.Kind)));
        Assert.Equal(["error", "ok"], outcome.Attempts.Select(a => WireNames.Of(a.Status)));
        Assert.Equal(7, outcome.Usage!.InputTokenCount);
        Assert.Equal(2, result.Report.Attempts);
    }

    [Fact]
    public async Task RunAsync_CallerCancels_FallbackIsNotTried()
    {
        var gate = new Gate();
        var primary = new ScriptedChatClient((_, _, ct) => gate.RunAsync(async () =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return ScriptedChatClient.Reply("never");
        }));
        var fallback = new ScriptedChatClient("fallback");
        var plan = new Plan<string>("nofallback", [new Branch("main", primary, "q").WithFallback(fallback)], new RecordingAggregator());
        using var cts = new CancellationTokenSource();

        Task<RunResult<string>> run = PlanRunner.Default.RunAsync(plan, cts.Token);
        await gate.WhenStarted(1);
        cts.Cancel();

        await Assert.ThrowsAsync<RunCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, fallback.Calls);
    }

    [Fact]
    public async Task RunAsync_AggregatorSettles_RestIsCancelledOrSkippedAndCancelledWorkIsCounted()
    {
        var gate = new Gate();
        var client = new ScriptedChatClient((m, _, ct) => gate.RunAsync(async () =>
        {
            int i = IndexOf(m);
            if (i == 1)
            {
                await gate.WhenStarted(3);      // b0 finishes first and its slot starts b2; then b1 settles the vote
            }
            else if (i >= 2)
            {
                await Task.Delay(Timeout.Infinite, ct);
            }

            return ScriptedChatClient.Reply("yes", 10, 5);
        }));
        var aggregator = new RecordingAggregator(settle: added => added.Count(o => o.Succeeded) == 2);
        var plan = new Plan<string>("settle", Branches(5, client), aggregator, limits: new RunLimits { MaxConcurrency = 2 });

        RunResult<string> result = await PlanRunner.Default.RunAsync(plan).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, gate.InFlight);
        Assert.Equal(3, gate.Started);
        Assert.Equal(2, aggregator.Added.Count);    // nothing fed after settling
        Assert.Equal([BranchStatus.Succeeded, BranchStatus.Succeeded, BranchStatus.Cancelled, BranchStatus.Skipped, BranchStatus.Skipped],
            result.Outcomes.Select(o => o.Status));
        Assert.Equal(3, result.Report.Cancelled);
        BranchReport cancelled = result.Report.Branches[2];
        Assert.True(cancelled.TokensEstimated);
        Assert.Equal(6, cancelled.InputTokens);     // "prompt 2" = 8 chars → 2 tokens + 4 per message
        Assert.Equal(0, result.Report.Branches[3].InputTokens);
        Assert.Equal(10 + 10 + 6, result.Report.InputTokens);
        Assert.Contains(result.Report.Timeline, e => WireNames.Of(e.Kind) == "settled");
    }

    [Fact]
    public async Task RunAsync_UsageAndCost_SumExactlyAndUnknownPriceIsNull()
    {
        var priced = new ScriptedChatClient((_, _, _) => Task.FromResult(ScriptedChatClient.Reply("a", 1000, 500, "gpt-x")));
        var unpriced = new ScriptedChatClient((_, _, _) => Task.FromResult(ScriptedChatClient.Reply("b", 100, 50, "mystery")));
        var prices = new PriceTable([new("gpt-x", new ModelPrice(2.50m, 10m))]);
        var runner = new PlanRunner(new PlanRunnerOptions { Prices = prices });

        RunResult<string> known = await runner.RunAsync(new Plan<string>("known", Branches(3, priced), new RecordingAggregator()));
        Assert.Equal(3000, known.Report.InputTokens);
        Assert.Equal(1500, known.Report.OutputTokens);
        Assert.Equal(4500, known.Report.TotalTokens);
        Assert.Equal(3 * ((1000 * 2.50m) + (500 * 10m)) / 1_000_000m, known.Report.Cost);
        Assert.Equal(3.0, known.Report.TokenMultiplier);

        Branch[] mixed = [new Branch("p", priced, "q"), new Branch("u", unpriced, "q")];
        RunResult<string> partly = await runner.RunAsync(new Plan<string>("mixed", mixed, new RecordingAggregator()));
        Assert.Null(partly.Report.Cost);
        Assert.Null(partly.Report.Branches[1].Cost);
        Assert.Equal(((1000 * 2.50m) + (500 * 10m)) / 1_000_000m, partly.Report.Branches[0].Cost);
    }

    [Fact]
    public async Task RunAsync_ThreeConcurrentTwoSecondBranches_ReportShowsSpeedupOfThree()
    {
        var clock = new ManualTimeProvider();
        var gate = new Gate();
        var client = new ScriptedChatClient((_, _, ct) => gate.RunAsync(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(2), clock, ct);
            return ScriptedChatClient.Reply("ok");
        }));
        var runner = new PlanRunner(new PlanRunnerOptions { TimeProvider = clock });
        var plan = new Plan<string>("speed", Branches(3, client), new RecordingAggregator());

        long armed = clock.TimersArmed;
        Task<RunResult<string>> run = runner.RunAsync(plan);
        await clock.WaitForTimersArmedAsync(armed + 3);
        clock.Advance(TimeSpan.FromSeconds(2));
        RunReport report = (await run.WaitAsync(TimeSpan.FromSeconds(10))).Report;

        Assert.Equal(2000, report.WallMs);
        Assert.Equal(6000, report.SequentialMs);
        Assert.Equal(3.0, report.Speedup);
        Assert.Equal(4000, report.SavedMs);
        Assert.Equal(0, report.QueueWaitMs);
    }

    [Fact]
    public async Task RunAsync_OneSlotForTwoBranches_SecondBranchQueueWaitIsReported()
    {
        var clock = new ManualTimeProvider();
        var client = new ScriptedChatClient(async (_, _, ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(1), clock, ct);
            return ScriptedChatClient.Reply("ok");
        });
        var runner = new PlanRunner(new PlanRunnerOptions { TimeProvider = clock });
        var plan = new Plan<string>("queue", Branches(2, client), new RecordingAggregator(), limits: new RunLimits { MaxConcurrency = 1 });

        long armed = clock.TimersArmed;
        Task<RunResult<string>> run = runner.RunAsync(plan);
        await clock.WaitForTimersArmedAsync(armed + 1);
        clock.Advance(TimeSpan.FromSeconds(1));
        await clock.WaitForTimersArmedAsync(armed + 2);
        clock.Advance(TimeSpan.FromSeconds(1));
        RunReport report = (await run.WaitAsync(TimeSpan.FromSeconds(10))).Report;

        Assert.Equal(1000, report.Branches[1].QueueWaitMs);
        Assert.Equal(1000, report.QueueWaitMs);
        Assert.Equal(2000, report.WallMs);
        Assert.Equal(1.0, report.Speedup);
    }

    [Fact]
    public async Task RunAsync_AggregatorThrows_RunFailedKeepsEveryBranch()
    {
        var client = new ScriptedChatClient("ok");
        var aggregator = new RecordingAggregator(complete: (_, _) => throw new AggregationException("judge said garbage", "{not json"));
        var plan = new Plan<string>("garbage", Branches(3, client), aggregator);

        RunFailedException ex = await Assert.ThrowsAsync<RunFailedException>(() => PlanRunner.Default.RunAsync(plan));
        Assert.Contains("judge said garbage", ex.Message);
        Assert.Equal("{not json", Assert.IsType<AggregationException>(ex.InnerException).RawOutput);
        Assert.Equal(3, ex.Report!.Branches.Count);
        Assert.All(ex.Report.Branches, b => Assert.Equal("succeeded", b.Status));
        Assert.Equal("failed", ex.Report.Status);
    }

    [Fact]
    public async Task RunAsync_SecondStage_RunsThroughTheRunnerAndIsInTheReport()
    {
        var workers = new ScriptedChatClient("candidate");
        var judge = new ScriptedChatClient((_, _, _) => Task.FromResult(ScriptedChatClient.Reply("verdict", 40, 4, "judge-model")));
        var aggregator = new RecordingAggregator(complete: async (context, ct) =>
        {
            IReadOnlyList<BranchOutcome> verdicts = await context.RunStageAsync("judge", [new Branch("judge-1", judge, "pick one")], ct);
            return verdicts[0].Text!;
        });

        RunResult<string> result = await PlanRunner.Default.RunAsync(new Plan<string>("judged", Branches(2, workers), aggregator));
        Assert.Equal("verdict", result.Value);
        Assert.Equal(["main", "main", "judge"], result.Report.Branches.Select(b => b.Stage));
        Assert.Equal(3, result.Outcomes.Count);
        Assert.Equal(10 + 10 + 40, result.Report.InputTokens);
    }

    [Fact]
    public async Task RunAsync_Streaming_RecordsFirstTokenAndKeepsPartialOutputOfCancelledCalls()
    {
        var clock = new ManualTimeProvider();
        var partialSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var client = new ScriptedChatClient("unused")
        {
            RespondStreaming = (m, _, ct) => Stream(IndexOf(m), clock, partialSeen, ct),
        };
        var runner = new PlanRunner(new PlanRunnerOptions { TimeProvider = clock, UseStreaming = true });
        var aggregator = new RecordingAggregator(settle: added => added.Any(o => o.Succeeded));
        var plan = new Plan<string>("stream", Branches(2, client), aggregator);

        long armed = clock.TimersArmed;
        Task<RunResult<string>> run = runner.RunAsync(plan);
        await clock.WaitForTimersArmedAsync(armed + 1);
        await partialSeen.Task.WaitAsync(TimeSpan.FromSeconds(10));
        clock.Advance(TimeSpan.FromSeconds(1));
        RunResult<string> result = await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(BranchStatus.Succeeded, result.Outcomes[0].Status);
        Assert.Equal("Hello world", result.Outcomes[0].Text);
        Assert.Equal(TimeSpan.Zero, result.Outcomes[0].Timing.FirstTokenAt);
        Assert.Equal(12, result.Outcomes[0].Usage!.InputTokenCount);
        BranchOutcome cancelled = result.Outcomes[1];
        Assert.Equal(BranchStatus.Cancelled, cancelled.Status);
        Assert.Equal("partial ", cancelled.Text);
        Assert.Equal(2, cancelled.Usage!.OutputTokenCount);   // "partial " = 8 chars, estimated
        Assert.True(result.Report.Branches[1].TokensEstimated);
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> Stream(
        int index, TimeProvider clock, TaskCompletionSource partialSeen, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        if (index == 0)
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, "Hello ");
            await Task.Delay(TimeSpan.FromSeconds(1), clock, ct);
            yield return new ChatResponseUpdate(ChatRole.Assistant, "world");
            yield return new ChatResponseUpdate { Contents = [new UsageContent(new UsageDetails { InputTokenCount = 12, OutputTokenCount = 3 })] };
        }
        else
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, "partial ");
            partialSeen.SetResult();    // the runner has taken the first update and asked for more
            await Task.Delay(Timeout.Infinite, ct);
        }
    }

    [Fact]
    public async Task StreamAsync_YieldsInCompletionOrderWithIndexes()
    {
        var releases = Enumerable.Range(0, 3).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var client = new ScriptedChatClient(async (m, _, ct) =>
        {
            int i = IndexOf(m);
            await releases[i].Task.WaitAsync(ct);
            return ScriptedChatClient.Reply($"a{i}");
        });

        var seen = new List<int>();
        releases[2].SetResult();
        await foreach (BranchOutcome outcome in PlanRunner.Default.StreamAsync(Branches(3, client)))
        {
            seen.Add(outcome.Index);
            if (outcome.Index == 2)
            {
                releases[0].SetResult();
            }
            else if (outcome.Index == 0)
            {
                releases[1].SetResult();
            }
        }

        Assert.Equal([2, 0, 1], seen);
    }

    [Fact]
    public async Task StreamAsync_ConsumerStopsEarly_InFlightCallsAreCancelledBeforeItReturns()
    {
        var gate = new Gate();
        var client = new ScriptedChatClient((m, _, ct) => gate.RunAsync(async () =>
        {
            if (IndexOf(m) != 0)
            {
                await Task.Delay(Timeout.Infinite, ct);
            }

            return ScriptedChatClient.Reply("first");
        }));

        await foreach (BranchOutcome outcome in PlanRunner.Default.StreamAsync(Branches(3, client)))
        {
            Assert.Equal(0, outcome.Index);
            break;
        }

        Assert.Equal(0, gate.InFlight);
    }

    [Fact]
    public async Task RunAsync_SamePlanTwice_RunsAreIndependent()
    {
        var client = new ScriptedChatClient("x");
        var aggregator = new RecordingAggregator();
        var plan = new Plan<string>("twice", Branches(2, client), aggregator);

        await PlanRunner.Default.RunAsync(plan);
        RunResult<string> second = await PlanRunner.Default.RunAsync(plan);

        Assert.Equal(4, client.Calls);
        Assert.Equal(2, second.Outcomes.Count);
    }

    [Fact]
    public async Task RunAsync_OptionsAreClonedPerCall_CallerObjectNeverChanges()
    {
        var options = new ChatOptions { Temperature = 0.7f };
        var seen = new List<ChatOptions?>();
        var client = new ScriptedChatClient((_, o, _) =>
        {
            lock (seen)
            {
                seen.Add(o);
            }

            o!.Temperature = 2f;    // a misbehaving client mutates its options
            return Task.FromResult(ScriptedChatClient.Reply("ok"));
        });

        await PlanRunner.Default.RunAsync(new Plan<string>("clone", [new Branch("a", client, "q", options), new Branch("b", client, "q", options)], new RecordingAggregator()));

        Assert.Equal(0.7f, options.Temperature);
        Assert.Equal(2, seen.Count);
        Assert.NotSame(seen[0], seen[1]);
        Assert.NotSame(options, seen[0]);
    }
}
