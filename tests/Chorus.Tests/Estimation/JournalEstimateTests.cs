using Chorus.TestKit;
using Chorus.Tests.Running;
using Microsoft.Extensions.AI;
using Chorus.Estimation;
using Chorus.Journaling;

namespace Chorus.Tests.Estimation;

/// <summary>Issue 12, item 4: a dry run against a journal charges nothing for journaled branches and uses the output length observed.</summary>
public class JournalEstimateTests
{
    [Fact]
    public async Task EstimateAsync_TwoOfThreeJournaled_TheyCostNothingAndTheThirdUsesTheObservedOutput()
    {
        var journal = new InMemoryBranchJournal();
        var client = new ScriptedChatClient((m, _, _) => m.Last().Text == "q 2"
            ? Task.FromException<ChatResponse>(new InvalidOperationException("down"))
            : Task.FromResult(ScriptedChatClient.Reply("ok", 10, 7)));
        Plan<string> Plan() => new("p", [.. Enumerable.Range(0, 3).Select(i => new Branch($"b{i}", client, $"q {i}"))], new RecordingAggregator());
        await new PlanRunner(new PlanRunnerOptions { Journal = journal }).RunAsync(Plan());

        RunEstimate before = PlanEstimator.Estimate(Plan());
        RunEstimate estimate = await PlanEstimator.EstimateAsync(Plan(), journal);

        Assert.Equal(256, before.Calls[2].OutputTokens);
        Assert.Equal([0L, 0L], estimate.Calls.Take(2).Select(c => c.TotalTokens));
        Assert.Equal(7, estimate.Calls[2].OutputTokens);
        Assert.Equal(before.Calls[2].InputTokens, estimate.Calls[2].InputTokens);
    }
}
