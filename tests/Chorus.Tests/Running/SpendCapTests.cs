using Microsoft.Extensions.AI;
using Chorus.Estimation;
using Chorus.Journaling;
using Chorus.Voting;

namespace Chorus.Tests.Running;

public class SpendCapTests
{
    // "prompt N" is 8 characters: 2 tokens + 4 for the message = 6 input tokens; max 20 output tokens: an estimate of 26 per branch.
    private static readonly ChatOptions Max20 = new() { MaxOutputTokens = 20 };

    private static Branch[] Branches(int n, IChatClient client) =>
        [.. Enumerable.Range(0, n).Select(i => new Branch($"b{i}", client, $"prompt {i}", Max20))];

    private static Plan<string> Plan(IChatClient client, RunLimits limits, int n = 10) => new("cap", Branches(n, client), new RecordingAggregator(), limits: limits);

    [Fact]
    public async Task RunAsync_TokenCap_StopsLaunchingAtTheFirstBranchThatCouldCrossIt()
    {
        // Each call really costs 100 tokens, far more than its estimate of 26.
        var client = new ScriptedChatClient("ok", inputTokens: 60, outputTokens: 40);
        Plan<string> plan = Plan(client, new RunLimits { MaxConcurrency = 1, MaxTokens = 330 });

        RunResult<string> result = await PlanRunner.Default.RunAsync(plan);

        // b3 starts with 300 spent (300 + 26 <= 330); b4 would start with 400.
        Assert.Equal(4, client.Calls);
        Assert.Equal(["b0", "b1", "b2", "b3"], result.Outcomes.Where(o => o.Succeeded).Select(o => o.Label));
        Assert.All(result.Outcomes.Skip(4), o => Assert.Equal(BranchStatus.Skipped, o.Status));
        SpendCapException first = Assert.IsType<SpendCapException>(result.Outcomes[4].Error);
        Assert.Equal("Branch 'b4' was not started: with 400 tokens spent or in flight, its estimate of 26 tokens would cross the run's cap of 330 tokens.", first.Message);
        Assert.Equal(("tokens", 330m, 400m, 26m), (first.Cap, first.Limit, first.Committed, first.Estimate));
        Assert.Equal("Branch 'b5' was not started: the run's spend cap was reached (an earlier branch was refused).", result.Outcomes[5].Error!.Message);
        Assert.Equal(["b4", "b5", "b6", "b7", "b8", "b9"], result.Report.SpendCap!.Skipped);
        Assert.Equal(330, result.Report.SpendCap.MaxTokens);
        Assert.Equal(400, result.Report.TotalTokens);
    }

    [Fact]
    public async Task RunAsync_SpendCapCutsSamples_DecisionSaysWhatTheCapCut()
    {
        var client = new ScriptedChatClient("The answer is 390", inputTokens: 60, outputTokens: 40);
        var plan = new Plan<VoteResult>(
            "cap", Branches(4, client), Aggregators.Vote(new VoteAggregatorOptions { StoppingRule = StoppingRules.Fixed(4) }),
            limits: new RunLimits { MaxConcurrency = 1, MaxTokens = 220 });

        RunResult<VoteResult> result = await PlanRunner.Default.RunAsync(plan);

        Assert.Equal(2, client.Calls);
        Assert.EndsWith("; the spend cap kept 2 of 4 branches from starting (b2,b3), so they were not counted", result.Decision.Summary, StringComparison.Ordinal);
        Assert.Contains(result.Decision.Evidence, e => e.Key == "spend_cap/skipped" && e.Value == 2);
        Assert.Equal(result.Decision, result.Report.Decision);
    }

    [Fact]
    public async Task RunAsync_QuorumTrimmedBySpendCap_FailsEvenWhenTheVoteSettled()
    {
        // Each call costs 100; the third would cross 220, so only two of the four samples run. The vote settles on the
        // refused third (2 votes to 0 with one left), which used to excuse the quorum of 3 (issue 12, item 5).
        var client = new ScriptedChatClient("The answer is 390", inputTokens: 60, outputTokens: 40);
        var plan = new Plan<VoteResult>(
            "cap", Branches(4, client), Aggregators.Vote(new VoteAggregatorOptions { StoppingRule = StoppingRules.CannotBeOvertaken() }),
            FailurePolicy.Quorum(3), new RunLimits { MaxConcurrency = 1, MaxTokens = 220 });

        RunFailedException ex = await Assert.ThrowsAsync<RunFailedException>(() => PlanRunner.Default.RunAsync(plan));

        Assert.Equal(2, client.Calls);
        Assert.Contains("quorum of 3 of 4", ex.Message, StringComparison.Ordinal);
        Assert.Contains("spend cap", ex.Message, StringComparison.Ordinal);
        Assert.Equal("failed", ex.Report!.Status);
    }

    [Fact]
    public async Task RunAsync_TokenCap_CountsTheNextBranchsEstimateNotJustWhatWasSpent()
    {
        var client = new ScriptedChatClient("ok", inputTokens: 60, outputTokens: 40);
        Plan<string> plan = Plan(client, new RunLimits { MaxConcurrency = 1, MaxTokens = 320 });

        RunResult<string> result = await PlanRunner.Default.RunAsync(plan);

        // 300 spent is under 320, but 300 + 26 is not.
        Assert.Equal(3, client.Calls);
        Assert.Equal("b3", result.Report.SpendCap!.Skipped[0]);
    }

    [Fact]
    public async Task RunAsync_TokenCapWithBranchesInFlight_WaitsForTheirReleaseThenReconsiders()
    {
        var gate = new Gate();
        var client = new ScriptedChatClient((_, _, ct) => gate.RunAsync(async () =>
        {
            await gate.Released.WaitAsync(ct);
            return ScriptedChatClient.Reply("ok", 10, 10);
        }));

        // Three in flight reserve 78; the fourth would make 104 > 100 even though nothing has been spent yet. It used to
        // be refused on those worst-case reservations (issue 12, item 4); now it waits until they are released: the
        // three spend 60, and 60 + 26 fits.
        var b3Waits = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runner = new PlanRunner(new PlanRunnerOptions
        {
            OnEvent = e =>
            {
                if (e.Branch == "b3" && e.Kind == TimelineEventKind.CapWait)
                {
                    b3Waits.TrySetResult();
                }
            },
        });
        Task<RunResult<string>> run = runner.RunAsync(Plan(client, new RunLimits { MaxConcurrency = 4, MaxTokens = 100 }, n: 4));
        await gate.WhenStarted(3);
        await b3Waits.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(3, client.Calls);
        Assert.False(run.IsCompleted);
        gate.Release();
        RunResult<string> result = await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(4, client.Calls);
        Assert.All(result.Outcomes, o => Assert.Equal(BranchStatus.Succeeded, o.Status));
        Assert.Empty(result.Report.SpendCap!.Skipped);
    }

    [Fact]
    public async Task RunAsync_TokenCapReachedWithNothingInFlight_RefusesOnWhatWasSpent()
    {
        var gate = new Gate();
        var client = new ScriptedChatClient((_, _, ct) => gate.RunAsync(async () =>
        {
            await gate.Released.WaitAsync(ct);
            return ScriptedChatClient.Reply("ok", 20, 10);
        }));

        // Three in flight spend 90 in all; then 90 + 26 > 100 with nothing left to release, so b3 is refused.
        var b3Waits = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runner = new PlanRunner(new PlanRunnerOptions { OnEvent = e => { if (e.Branch == "b3" && e.Kind == TimelineEventKind.CapWait) { b3Waits.TrySetResult(); } } });
        Task<RunResult<string>> run = runner.RunAsync(Plan(client, new RunLimits { MaxConcurrency = 4, MaxTokens = 100 }, n: 4));
        await b3Waits.Task.WaitAsync(TimeSpan.FromSeconds(10));
        gate.Release();
        RunResult<string> result = await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(3, client.Calls);
        Assert.Equal(["b3"], result.Report.SpendCap!.Skipped);
        Assert.Equal("Branch 'b3' was not started: with 90 tokens spent or in flight, its estimate of 26 tokens would cross the run's cap of 100 tokens.", result.Outcomes[3].Error!.Message);
    }

    [Fact]
    public async Task RunAsync_CostCap_StopsAtTheRightBranch()
    {
        // $1 per million input, $2 per million output: each call costs 60 + 80 = 140 micro-dollars; each estimate 6 + 40 = 46.
        var prices = new PriceTable([new("scripted", new ModelPrice(1, 2))]);
        var client = new ScriptedChatClient("ok", inputTokens: 60, outputTokens: 40);
        var runner = new PlanRunner(new PlanRunnerOptions { Prices = prices });

        RunResult<string> result = await runner.RunAsync(Plan(client, new RunLimits { MaxConcurrency = 1, MaxCost = 0.0005m }));

        // b3 starts with 420 spent (420 + 46 <= 500); b4 would start with 560.
        Assert.Equal(4, client.Calls);
        SpendCapException refusal = Assert.IsType<SpendCapException>(result.Outcomes[4].Error);
        Assert.Equal("Branch 'b4' was not started: with 0.00056 spent or in flight, its estimate of 0.000046 would cross the run's cost cap of 0.0005.", refusal.Message);
        Assert.Equal("cost", refusal.Cap);
        Assert.Equal(0.0005m, result.Report.SpendCap!.MaxCost);
    }

    [Fact]
    public async Task RunAsync_CostCapWithoutPrice_ThrowsNamingBranchAndModel()
    {
        var client = new ScriptedChatClient("ok");

        ArgumentException error = await Assert.ThrowsAsync<ArgumentException>(() => PlanRunner.Default.RunAsync(Plan(client, new RunLimits { MaxCost = 1 })));

        Assert.StartsWith("The plan's MaxCost of 1 needs a price for every branch's model, but branch 'b0' asks for model 'scripted', which PlanRunnerOptions.Prices does not price.", error.Message);
        Assert.Equal(0, client.Calls);
    }

    [Fact]
    public async Task RunAsync_AdaptiveVoteHitsTheCap_DecidesFromTheVotesItCouldAffordWithSkippedAsAbstentions()
    {
        int call = 0;
        string[] answers = ["41", "42", "42", "42"];
        var client = new ScriptedChatClient((_, _, _) => Task.FromResult(ScriptedChatClient.Reply("The answer is " + answers[Interlocked.Increment(ref call) - 1], 60, 40)));
        var plan = new Plan<VoteResult>("vote", Branches(9, client), Aggregators.Majority(), limits: new RunLimits { MaxConcurrency = 1, MaxTokens = 330 });

        RunResult<VoteResult> result = await PlanRunner.Default.RunAsync(plan);

        // b4..b6 abstain for the cap; then 42 leads 3 to 1 with two branches left, so the vote settles and never sees b7 and b8.
        Assert.Equal(4, client.Calls);
        Assert.Equal("42", result.Value.Answer);
        Assert.Equal(3, result.Value.Votes);
        Assert.Equal(3, result.Value.Abstentions);
        Assert.Contains(result.Decision.Evidence, e => e.Key == "abstained/skipped" && e.Value == 3);
        Assert.Equal(["b4", "b5", "b6"], result.Report.SpendCap!.Skipped);
        Assert.Equal("Branch 'b7' was not started: the run no longer needed it.", result.Outcomes[7].Error!.Message);
    }

    [Fact]
    public async Task RunAsync_ReplaysFromTheJournal_AreFreeAndNeverSkipped()
    {
        var client = new ScriptedChatClient("ok", inputTokens: 60, outputTokens: 40);
        var runner = new PlanRunner(new PlanRunnerOptions { Journal = new InMemoryBranchJournal() });
        await runner.RunAsync(Plan(client, new RunLimits { MaxConcurrency = 1 }, n: 5));

        RunResult<string> result = await runner.RunAsync(Plan(client, new RunLimits { MaxConcurrency = 1, MaxTokens = 30 }, n: 6));

        Assert.Equal(6, client.Calls);
        Assert.Equal(5, result.Report.Replayed);
        Assert.True(result.Outcomes[5].Succeeded);
    }

    [Fact]
    public void RunLimits_SpendCaps_DefaultToNoneAndMustBePositive()
    {
        var limits = new RunLimits();

        Assert.Null(limits.MaxTokens);
        Assert.Null(limits.MaxCost);
        Assert.Throws<ArgumentOutOfRangeException>(() => limits.MaxTokens = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => limits.MaxCost = -1);
        limits.MaxTokens = 5;
        limits.MaxCost = 0.5m;
        Assert.Equal((5L, 0.5m), (limits.MaxTokens.Value, limits.MaxCost.Value));
    }
}
