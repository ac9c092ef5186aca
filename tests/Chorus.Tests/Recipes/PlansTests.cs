using Chorus.Aggregation;
using Chorus.Recipes;

namespace Chorus.Tests.Recipes;

public class PlansTests
{
    private static readonly ScriptedChatClient Client = new("ok");

    [Fact]
    public void Recipes_NoLimitsGiven_UseRunLimitsDefaults_NoPerRunCap()
    {
        Branch[] twenty = RecipeBranches.Samples(Client, "q", 20);
        int defaultCap = new RunLimits().MaxConcurrency;

        Assert.Equal(defaultCap, Plans.Vote("v", twenty).Limits.MaxConcurrency);
        Assert.Equal(defaultCap, Plans.Sections("s", twenty).Limits.MaxConcurrency);
        Assert.Equal(defaultCap, Plans.Union("u", twenty).Limits.MaxConcurrency);
        Assert.Equal(defaultCap, Plans.Custom("c", twenty, Aggregators.Concat()).Limits.MaxConcurrency);
        Assert.Equal(int.MaxValue, defaultCap);    // issue 13: the endpoint scheduler paces calls, not a fixed run cap
    }

    [Fact]
    public void Recipes_LimitsGiven_AreKept()
    {
        Plan<Chorus.Voting.VoteResult> plan = Plans.Vote("v", RecipeBranches.Samples(Client, "q", 5), limits: new RunLimits { MaxConcurrency = 2 });

        Assert.Equal(2, plan.Limits.MaxConcurrency);
        Assert.Equal(["sample-1", "sample-2", "sample-3", "sample-4", "sample-5"], plan.Branches.Select(b => b.Label));
    }

    [Fact]
    public void Guard_Blocking_RunsOneAtATimeGuardFirst()
    {
        Plan<GuardResult> plan = Plans.Guard(Client, "hello", mode: GuardMode.Blocking);

        Assert.Equal("guard-blocking", plan.Name);
        Assert.Equal(1, plan.Limits.MaxConcurrency);
        Assert.Equal([RecipeBranches.GuardLabel, RecipeBranches.AnswerLabel], plan.Branches.Select(b => b.Label));
    }
}
