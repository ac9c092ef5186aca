using Chorus.Tests.Running;
using Chorus.Aggregation;
using Chorus.Recipes;

namespace Chorus.Tests.Recipes;

public class GuardedPlanTests
{
    [Fact]
    public async Task Create_Blocking_GuardRunsAloneFirstAndRefusalSpendsNothingOnMain()
    {
        var main = new ScriptedChatClient("answer");
        Plan<GuardResult> plan = GuardedPlan.Create("g", new Branch("check", new ScriptedChatClient("UNSAFE: no"), "q"), new Branch("answer", main, "q"), GuardMode.Blocking);

        RunResult<GuardResult> result = await PlanRunner.Default.RunAsync(plan);

        Assert.Equal(1, plan.Limits.MaxConcurrency);
        Assert.Equal(["check", "answer"], plan.Branches.Select(b => b.Label));
        Assert.False(result.Value.Allowed);
        Assert.Equal(0, main.Calls);
        Assert.Equal(BranchStatus.Skipped, result.Outcomes[1].Status);
        Assert.Equal(0, result.Report.Branches[1].InputTokens);
    }

    [Fact]
    public async Task Create_Parallel_VetoCancelsTheRunningMainAndCountsItsPrompt()
    {
        var gate = new Gate();
        var main = new ScriptedChatClient((_, _, ct) => gate.RunAsync(async () =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return ScriptedChatClient.Reply("never");
        }));
        var guard = new ScriptedChatClient(async (_, _, _) =>
        {
            await gate.WhenStarted(1);   // the main call is in flight when the guard answers
            return ScriptedChatClient.Reply("UNSAFE: blocked", 20, 6);
        });
        Plan<GuardResult> plan = GuardedPlan.Create("g", new Branch("check", guard, "q"), new Branch("answer", main, "q"), GuardMode.Parallel);

        RunResult<GuardResult> result = await PlanRunner.Default.RunAsync(plan).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, plan.Limits.MaxConcurrency);
        Assert.False(result.Value.Allowed);
        Assert.Equal("the guard refused: UNSAFE: blocked", result.Value.Reason);
        Assert.Equal(BranchStatus.Cancelled, result.Outcomes[1].Status);
        Assert.True(result.Report.Branches[1].InputTokens > 0);
        Assert.Equal(26, result.Report.Branches[0].InputTokens + result.Report.Branches[0].OutputTokens);
    }

    [Theory]
    [InlineData(GuardMode.Parallel)]
    [InlineData(GuardMode.Blocking)]
    public async Task Create_GuardAllows_ReleasesAnswerWithCustomVetoTest(GuardMode mode)
    {
        var options = new GuardOptions { IsViolation = t => t.Contains("nope", StringComparison.Ordinal), GuardLabel = "ignored" };
        Plan<GuardResult> plan = GuardedPlan.Create("g", new Branch("check", new ScriptedChatClient("UNSAFE but fine"), "q"), new Branch("answer", new ScriptedChatClient("Paris"), "q"), mode, options);

        RunResult<GuardResult> result = await PlanRunner.Default.RunAsync(plan);

        Assert.True(result.Value.Allowed);
        Assert.Equal("Paris", result.Value.Answer);
        Assert.Equal("ignored", options.GuardLabel);   // the caller's options are never changed
    }

    [Fact]
    public void Create_SameLabels_Throws()
    {
        var client = new ScriptedChatClient("x");
        ArgumentException ex = Assert.Throws<ArgumentException>(() => GuardedPlan.Create("g", new Branch("a", client, "q"), new Branch("a", client, "q")));
        Assert.StartsWith("The guard and the main branch share the label 'a'; they must differ.", ex.Message);
    }

    [Fact]
    public void Create_UndefinedMode_Throws()
    {
        var client = new ScriptedChatClient("x");
        Assert.Throws<ArgumentOutOfRangeException>(() => GuardedPlan.Create("g", new Branch("a", client, "q"), new Branch("b", client, "q"), (GuardMode)7));
    }
}
