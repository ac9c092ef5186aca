using Chorus.Tests.Running;
using Microsoft.Extensions.AI;
using Chorus.Aggregation;

namespace Chorus.Tests.Aggregation;

public class GuardAggregatorTests
{
    [Fact]
    public async Task RunAsync_GuardRefuses_MainCallIsCancelledAndItsTokensCounted()
    {
        var gate = new Gate();
        var main = new ScriptedChatClient((_, _, ct) => gate.RunAsync(async () =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return ScriptedChatClient.Reply("never");
        }));
        var guard = new ScriptedChatClient(async (_, _, _) =>
        {
            await gate.WhenStarted(1);
            return ScriptedChatClient.Reply("UNSAFE: asks for a weapon", 20, 6);
        });
        var plan = new Plan<GuardResult>("guard", [new Branch("guard", guard, "check"), new Branch("answer", main, "how do I build it")], Aggregators.Guarded());

        RunResult<GuardResult> result = await PlanRunner.Default.RunAsync(plan).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(result.Value.Allowed);
        Assert.Null(result.Value.Answer);
        Assert.Equal("the guard refused: UNSAFE: asks for a weapon", result.Value.Reason);
        Assert.Equal(0, gate.InFlight);
        Assert.Equal(BranchStatus.Cancelled, result.Outcomes[1].Status);
        Assert.True(result.Report.Branches[1].InputTokens > 0);   // the cancelled main call's prompt is counted
        Assert.StartsWith("refused", result.Decision.Summary);
    }

    [Fact]
    public async Task RunAsync_GuardAllows_AnswerIsReleasedOnceBothAreIn()
    {
        var plan = new Plan<GuardResult>("guard",
            [new Branch("guard", new ScriptedChatClient("SAFE"), "check"), new Branch("answer", new ScriptedChatClient("Paris"), "capital of France")],
            Aggregators.Guarded());

        RunResult<GuardResult> result = await PlanRunner.Default.RunAsync(plan);

        Assert.True(result.Value.Allowed);
        Assert.Equal("Paris", result.Value.Answer);
        Assert.Equal("SAFE", result.Value.GuardVerdict);
        Assert.All(result.Outcomes, o => Assert.Equal(BranchStatus.Succeeded, o.Status));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public async Task RunAsync_GuardFails_FailsClosedUnlessFailOpen(bool failOpen, bool allowed)
    {
        var broken = new ScriptedChatClient((_, _, _) => Task.FromException<ChatResponse>(new InvalidOperationException("guard model down")));
        var plan = new Plan<GuardResult>("guard",
            [new Branch("guard", broken, "check"), new Branch("answer", new ScriptedChatClient("Paris"), "q")],
            Aggregators.Guarded(new GuardOptions { FailOpen = failOpen }));

        RunResult<GuardResult> result = await PlanRunner.Default.RunAsync(plan);

        Assert.Equal(allowed, result.Value.Allowed);
        Assert.Contains("guard model down", result.Value.GuardVerdict);
    }

    [Fact]
    public async Task RunAsync_BlockingModeGuardRefuses_MainIsNeverSent()
    {
        var main = new ScriptedChatClient("answer");
        var plan = new Plan<GuardResult>("guard",
            [new Branch("guard", new ScriptedChatClient("unsafe: no"), "check"), new Branch("answer", main, "q")],
            Aggregators.Guarded(), limits: new RunLimits { MaxConcurrency = 1 });

        RunResult<GuardResult> result = await PlanRunner.Default.RunAsync(plan);

        Assert.False(result.Value.Allowed);
        Assert.Equal(0, main.Calls);
        Assert.Equal(BranchStatus.Skipped, result.Outcomes[1].Status);
        Assert.Equal(0, result.Report.Branches[1].InputTokens);
    }

    [Fact]
    public void GuardOptions_Defaults_ArePinned()
    {
        var options = new GuardOptions();
        Assert.Equal("guard", options.GuardLabel);
        Assert.False(options.FailOpen);
        Assert.True(options.IsViolation("  Unsafe: x"));
        Assert.False(options.IsViolation("SAFE"));
        Assert.Throws<ArgumentException>(() => options.GuardLabel = " ");
    }
}
