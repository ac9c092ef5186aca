using Chorus.TestKit;
using Microsoft.Extensions.AI;

namespace Chorus.Tests.Running;

/// <summary>Issue 12, item 7: usage a provider reports is checked; absurd or missing usage is unknown, never 0.</summary>
public class UsageTrustTests
{
    public static TheoryData<long?, long?> AbsurdUsage() => new()
    {
        { -5, 3 },
        { 10, -1 },
        { long.MaxValue, 3 },
        { 10, long.MaxValue },
        { null, 3 },
        { 10, null },
    };

    [Theory]
    [MemberData(nameof(AbsurdUsage))]
    public async Task RunAsync_AbsurdOrPartialUsage_BranchUsageIsUnknownAndEstimated(long? input, long? output)
    {
        var client = new ScriptedChatClient((m, _, _) =>
        {
            ChatResponse response = ScriptedChatClient.Reply("ok");
            response.Usage = m.Last().Text == "prompt 1" ? new UsageDetails { InputTokenCount = input, OutputTokenCount = output } : response.Usage;
            return Task.FromResult(response);
        });
        var plan = new Plan<string>("usage", [new Branch("b0", client, "prompt 0"), new Branch("b1", client, "prompt 1")], new RecordingAggregator());

        RunResult<string> result = await PlanRunner.Default.RunAsync(plan);

        Assert.Equal(["b1"], result.Report.UsageUnknown);
        BranchOutcome b1 = result.Outcomes[1];
        Assert.True(b1.Usage!.InputTokenCount > 0);          // the prompt's estimate, never 0 or the absurd value
        Assert.InRange(b1.Usage.InputTokenCount!.Value, 1, 1000);
        Assert.InRange(b1.Usage.OutputTokenCount!.Value, 0, 1000);
        Assert.True(result.Report.Branches[1].UsageUnknown);
        Assert.True(result.Report.Branches[1].TokensEstimated);
        Assert.False(result.Report.Branches[0].UsageUnknown);
        Assert.Equal(15 + b1.Usage.InputTokenCount + b1.Usage.OutputTokenCount, result.Report.TotalTokens);
    }

    [Fact]
    public async Task RunAsync_NoUsageReported_UsageIsUnknownNotZero()
    {
        var client = new ScriptedChatClient((_, _, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "twelve chars"))));
        var plan = new Plan<string>("usage", [new Branch("b0", client, "prompt 0")], new RecordingAggregator());

        RunResult<string> result = await PlanRunner.Default.RunAsync(plan);

        Assert.Equal(["b0"], result.Report.UsageUnknown);
        Assert.True(result.Report.TotalTokens > 0);
    }

    [Fact]
    public async Task RunAsync_AbsurdUsageUnderATokenCap_CapCountsTheEstimate()
    {
        // Every call claims -1,000,000 input tokens; taken at face value the cap would never bind.
        var client = new ScriptedChatClient((_, _, _) =>
        {
            ChatResponse response = ScriptedChatClient.Reply("ok");
            response.Usage = new UsageDetails { InputTokenCount = -1_000_000, OutputTokenCount = 5 };
            return Task.FromResult(response);
        });
        var branches = Enumerable.Range(0, 10).Select(i => new Branch($"b{i}", client, $"prompt {i}", new ChatOptions { MaxOutputTokens = 20 }));
        var plan = new Plan<string>("cap", branches, new RecordingAggregator(), limits: new RunLimits { MaxConcurrency = 1, MaxTokens = 50 });

        RunResult<string> result = await PlanRunner.Default.RunAsync(plan);

        Assert.True(client.Calls < 10, $"{client.Calls} calls: the cap did not bind");
        Assert.True(result.Report.TotalTokens is > 0 and <= 50);
        Assert.Equal(client.Calls, result.Report.UsageUnknown.Count);
    }
}
