using Chorus.Aggregation;
using Chorus.Voting;

namespace Chorus.Tests.Aggregation;

public sealed class AggregatorsTests
{
    [Fact]
    public void Factories_Names_ArePinned()
    {
        var client = new ScriptedChatClient("x");

        Assert.Equal("concat", Aggregators.Concat().Name);
        Assert.Equal("majority", Aggregators.Majority().Name);
        Assert.Equal("union", Aggregators.Union().Name);
        Assert.Equal("judge", Aggregators.Judge(client).Name);
        Assert.Equal("jury", Aggregators.Jury([new Juror("j", client, "accuracy")]).Name);
        Assert.Equal("best-of", Aggregators.BestOf((_, _) => ValueTask.FromResult<double?>(1)).Name);
    }

    [Fact]
    public void Majority_InPlan_ReadsAsInReadme()
    {
        var client = new ScriptedChatClient("The answer is 391.");
        Branch[] branches = [.. Enumerable.Range(0, 5).Select(i => new Branch($"s{i}", client, "What is 17 * 23?"))];

        var plan = new Plan<VoteResult>("q", branches, Aggregators.Majority(), FailurePolicy.Quorum(3));

        Assert.Equal("majority", plan.Aggregator.Name);
    }

    [Fact]
    public async Task Aggregator_SharedByConcurrentRuns_KeepsRunsApart()
    {
        IAggregator<VoteResult> majority = Aggregators.Majority(new() { SettleWhenDecided = false });

        AggregationResult<VoteResult>[] results = await Task.WhenAll(Enumerable.Range(0, 16).Select(run => Task.Run(() =>
            majority.RunAsync([.. Enumerable.Range(0, 9).Select(i => TestOutcomes.Ok(i, i < 5 ? $"answer {run}" : "other"))]))));

        for (int run = 0; run < results.Length; run++)
        {
            Assert.Equal(run.ToString(System.Globalization.CultureInfo.InvariantCulture), results[run].Value.Answer);
            Assert.Equal(5, results[run].Value.Votes);
        }
    }
}
