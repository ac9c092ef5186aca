using Chorus.Aggregation;

namespace Chorus.Tests.Aggregation;

/// <summary>
/// Guard's branches have roles (the guard and the main answer), so it passes the shared bookkeeping contract, not the
/// any-branch-answers one: here the guard never reports and fails open, so the first outcome added is the main answer.
/// </summary>
public sealed class GuardAggregatorContractTests : AggregatorContractTests<GuardResult>
{
    protected override IAggregator<GuardResult> CreateAggregator() => Aggregators.Guarded(new GuardOptions { GuardLabel = "guard", FailOpen = true });

    protected override string ResultText(GuardResult value) => value.Answer ?? string.Empty;

    [Theory]
    [InlineData(BranchStatus.Failed)]
    [InlineData(BranchStatus.TimedOut)]
    [InlineData(BranchStatus.Cancelled)]
    [InlineData(BranchStatus.Skipped)]
    public async Task CompleteAsync_MainAbstainedCarryingText_ThrowsInsteadOfAnsweringWithIt(BranchStatus status)
    {
        BranchOutcome main = TestOutcomes.Failed(0, status: status) with { Response = ScriptedChatClient.Reply("poison") };
        BranchOutcome guard = TestOutcomes.Ok(1, "SAFE", label: "guard");
        IAggregation<GuardResult> aggregation = CreateAggregator().Begin(2);
        aggregation.AddAll(main, guard);

        var ex = await Assert.ThrowsAsync<AggregationException>(() => aggregation.CompleteAsync(CreateContext(main, guard)));

        Assert.Contains("main branch 'b0'", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("poison", ex.Message, StringComparison.Ordinal);
    }
}
