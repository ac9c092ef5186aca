using Chorus.Tests.Running;
using Microsoft.Extensions.AI;
using Chorus.Aggregation;
using Chorus.Estimation;
using Chorus.Reporting;

namespace Chorus.Tests.Estimation;

public class PlanEstimatorTests
{
    private static readonly ScriptedChatClient Client = new("ok");

    [Fact]
    public void Estimate_Branches_PromptAtFourCharsPerTokenPlusFourPerMessageAndMaxTokensOut()
    {
        // 40 characters = 10 tokens + 4 = 14 in; 100 out.
        var options = new ChatOptions { MaxOutputTokens = 100 };
        var plan = new Plan<string>("p", [.. Enumerable.Range(0, 3).Select(i => new Branch($"b{i}", Client, new string('x', 40), options))], new RecordingAggregator());

        RunEstimate estimate = PlanEstimator.Estimate(plan);

        Assert.Equal(3, estimate.Branches);
        Assert.Equal(0, estimate.FollowUpCalls);
        Assert.Equal((42L, 300L, 342L), (estimate.InputTokens, estimate.OutputTokens, estimate.TotalTokens));
        Assert.Null(estimate.Cost);
        Assert.Equal(new BranchEstimate("b0", "main", "scripted", 14, 100, null), estimate.Calls[0]);
    }

    [Fact]
    public void Estimate_NoMaxTokens_UsesTheExpectedLengthTimesSamples()
    {
        var n3 = new ChatOptions { AdditionalProperties = new() { ["n"] = 3 } };
        var plan = new Plan<string>("p", [new Branch("a", Client, "x"), new Branch("b", Client, "x", n3)], new RecordingAggregator());

        Assert.Equal([256L, 768L], PlanEstimator.Estimate(plan).Calls.Select(c => c.OutputTokens));
        Assert.Equal([10L, 30L], PlanEstimator.Estimate(plan, expectedOutputTokens: 10).Calls.Select(c => c.OutputTokens));
    }

    [Fact]
    public void Estimate_WithPrices_CostsEveryCall()
    {
        var prices = new PriceTable([new("scripted", new ModelPrice(1, 2))]);
        var plan = new Plan<string>("p", [new Branch("a", Client, new string('x', 40), new ChatOptions { MaxOutputTokens = 100 })], new RecordingAggregator());

        Assert.Equal(0.000214m, PlanEstimator.Estimate(plan, prices).Cost);
    }

    [Fact]
    public void Estimate_Judge_AddsOneCallSeeingEveryCandidate()
    {
        var options = new ChatOptions { MaxOutputTokens = 100 };
        var plan = new Plan<JudgeResult>(
            "p",
            [.. Enumerable.Range(0, 4).Select(i => new Branch($"b{i}", Client, "x", options))],
            Aggregators.Judge(Client, new JudgeOptions { Task = "x", ChatOptions = new ChatOptions { MaxOutputTokens = 50 } }));

        RunEstimate estimate = PlanEstimator.Estimate(plan);

        BranchEstimate judge = Assert.Single(estimate.Calls, c => c.Stage == "judge");
        Assert.Equal(1, estimate.FollowUpCalls);
        Assert.Equal(50, judge.OutputTokens);
        long template = (JudgePrompts.Pick.Length + 3) / 4;
        Assert.Equal(template + 1 + (4 * 108) + 4, judge.InputTokens);
    }

    [Fact]
    public void Estimate_Jury_AddsOneCallPerJuror()
    {
        var plan = new Plan<JuryResult>(
            "p",
            [new Branch("a", Client, "x"), new Branch("b", Client, "x")],
            Aggregators.Jury([new Juror("j1", Client, "accuracy"), new Juror("j2", Client, "tone")]));

        RunEstimate estimate = PlanEstimator.Estimate(plan);

        Assert.Equal(["j1", "j2"], estimate.Calls.Where(c => c.Stage == "jury").Select(c => c.Label));
    }

    [Fact]
    public async Task RunAsync_Report_ShowsTheEstimateBesideTheActuals()
    {
        // Estimate 14 in + 10 out per branch = 24; actual 20 + 10 = 30: the estimate is 20 % low.
        var client = new ScriptedChatClient("ok", inputTokens: 20, outputTokens: 10);
        var plan = new Plan<string>("p", [.. Enumerable.Range(0, 2).Select(i => new Branch($"b{i}", client, new string('x', 40), new ChatOptions { MaxOutputTokens = 10 }))], new RecordingAggregator());

        RunReport report = (await PlanRunner.Default.RunAsync(plan)).Report;

        Assert.Equal(new EstimateReport(2, 28, 20, 48, null, 60, -0.2), report.Estimate);
        Assert.Contains("\"estimate\":{\"calls\":2,\"input_tokens\":28,\"output_tokens\":20,\"total_tokens\":48,\"cost\":null,\"actual_tokens\":60,\"error\":-0.2}", RunReportJson.Serialize(report));
    }
}
