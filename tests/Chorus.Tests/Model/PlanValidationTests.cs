using Chorus.Tests.Running;
using Microsoft.Extensions.AI;
using Chorus.Estimation;
using Chorus.Recipes;

namespace Chorus.Tests.Model;

public class PlanValidationTests
{
    private static readonly ScriptedChatClient Client = new("ok");

    [Fact]
    public void Plan_NoBranches_NamesTheParameterAndTheCount()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => new Plan<string>("p", [], new RecordingAggregator()));
        Assert.Equal("branches", ex.ParamName);
        Assert.StartsWith("A plan needs at least one branch; got 0.", ex.Message);
    }

    [Fact]
    public void Plan_DuplicateLabels_NamesTheLabel()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() =>
            new Plan<string>("p", [new Branch("same", Client, "a"), new Branch("same", Client, "b")], new RecordingAggregator()));
        Assert.Equal("branches", ex.ParamName);
        Assert.StartsWith("Two branches share the label 'same'; labels must be unique.", ex.Message);
    }

    [Fact]
    public void Plan_QuorumLargerThanBranches_NamesBothNumbers()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() =>
            new Plan<string>("p", [new Branch("a", Client, "q"), new Branch("b", Client, "q")], new RecordingAggregator(), FailurePolicy.Quorum(3)));
        Assert.Equal("failurePolicy", ex.ParamName);
        Assert.StartsWith("The quorum needs 3 successful branches but the plan has only 2.", ex.Message);
    }

    [Fact]
    public void Plan_NullBranch_Throws()
    {
        ArgumentNullException ex = Assert.Throws<ArgumentNullException>(() => new Plan<string>("p", [null!], new RecordingAggregator()));
        Assert.Equal("branches", ex.ParamName);
    }

    [Fact]
    public void Plan_NullAggregatorOrBlankName_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new Plan<string>("p", [new Branch("a", Client, "q")], null!));
        Assert.Throws<ArgumentException>(() => new Plan<string>(" ", [new Branch("a", Client, "q")], new RecordingAggregator()));
    }

    [Fact]
    public void Branch_NullClient_NamesTheParameter()
    {
        ArgumentNullException ex = Assert.Throws<ArgumentNullException>(() => new Branch("a", null!, "q"));
        Assert.Equal("client", ex.ParamName);
    }

    [Fact]
    public void Branch_EmptyMessages_NamesTheBranch()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => new Branch("lonely", Client, Array.Empty<ChatMessage>()));
        Assert.Equal("messages", ex.ParamName);
        Assert.StartsWith("Branch 'lonely' has no messages; a branch needs at least one.", ex.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Branch_BlankLabelOrPrompt_Throws(string blank)
    {
        Assert.Throws<ArgumentException>(() => new Branch(blank, Client, "q"));
        Assert.Throws<ArgumentException>(() => new Branch("a", Client, blank));
    }

    [Fact]
    public void Branch_CopiesMessagesAndOptions_LaterChangesDoNotLeakIn()
    {
        var messages = new List<ChatMessage> { new(ChatRole.User, "q") };
        var options = new ChatOptions { Temperature = 0.5f };
        var branch = new Branch("a", Client, messages, options);

        messages.Add(new ChatMessage(ChatRole.User, "injected"));
        options.Temperature = 1.5f;

        Assert.Single(branch.Messages);
        Assert.Equal(0.5f, branch.Options!.Temperature);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void RunLimits_NonPositiveConcurrency_ThrowsWithTheValue(int value)
    {
        ArgumentOutOfRangeException ex = Assert.Throws<ArgumentOutOfRangeException>(() => new RunLimits { MaxConcurrency = value });
        Assert.Equal("value", ex.ParamName);
        Assert.Equal(value, ex.ActualValue);
    }

    [Fact]
    public void RunLimits_NonPositiveTimeouts_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RunLimits { BranchTimeout = TimeSpan.Zero });
        Assert.Throws<ArgumentOutOfRangeException>(() => new RunLimits { Deadline = TimeSpan.FromSeconds(-1) });
    }

    [Fact]
    public void RunLimits_Defaults_ArePinned()
    {
        var limits = new RunLimits();
        Assert.Equal(int.MaxValue, limits.MaxConcurrency);
        Assert.Null(limits.BranchTimeout);
        Assert.Null(limits.Deadline);
    }

    [Fact]
    public void Plan_LimitsAreCopied_ChangingTheArgumentOrTheCopyDoesNotChangeThePlan()
    {
        var limits = new RunLimits { MaxConcurrency = 3 };
        var plan = new Plan<string>("p", [new Branch("a", Client, "q")], new RecordingAggregator(), limits: limits);

        limits.MaxConcurrency = 50;
        plan.Limits.MaxConcurrency = 60;

        Assert.Equal(3, plan.Limits.MaxConcurrency);
        Assert.Equal(FailurePolicy.BestEffort, plan.FailurePolicy);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void FailurePolicy_NonPositiveQuorum_Throws(int quorum)
    {
        ArgumentOutOfRangeException ex = Assert.Throws<ArgumentOutOfRangeException>(() => FailurePolicy.Quorum(quorum));
        Assert.Equal("requiredSuccesses", ex.ParamName);
    }

    [Fact]
    public void FailurePolicy_ToString_IsWhatTheReportShows()
    {
        Assert.Equal("quorum(3)", FailurePolicy.Quorum(3).ToString());
        Assert.Equal("fail-fast", FailurePolicy.FailFast.ToString());
        Assert.Equal("best-effort", FailurePolicy.BestEffort.ToString());
    }

    [Fact]
    public void PriceTable_NegativePriceOrBlankModel_Throws()
    {
        Assert.Throws<ArgumentException>(() => new PriceTable([new("m", new ModelPrice(-1, 1))]));
        Assert.Throws<ArgumentException>(() => new PriceTable([new(" ", new ModelPrice(1, 1))]));
        Assert.Null(PriceTable.Empty.CostOf("anything", 10, 10));
        Assert.Equal(0.0035m, new PriceTable([new("M", new ModelPrice(1m, 2.5m))]).CostOf("m", 1000, 1000));
    }
}
