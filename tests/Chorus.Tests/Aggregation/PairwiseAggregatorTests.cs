using System.Text.Json;
using Microsoft.Extensions.AI;
using Chorus.Aggregation;

namespace Chorus.Tests.Aggregation;

public sealed class PairwiseAggregatorTests : AnswerAggregatorContractTests<PairwiseResult>
{
    private static readonly BranchOutcome[] ThreeCandidates =
    [
        TestOutcomes.Ok(0, "alpha"),
        TestOutcomes.Ok(1, "beta"),
        TestOutcomes.Ok(2, "gamma"),
    ];

    protected override IAggregator<PairwiseResult> CreateAggregator() =>
        Aggregators.Pairwise([new Juror("j1", Prefers("alpha", "beta", "gamma"), "overall")]);

    protected override string ResultText(PairwiseResult value) => value.WinnerText;

    [Fact]
    public async Task CompleteAsync_ConsistentJudge_RanksByPairsWonAndAsksBothOrders()
    {
        var stage = new TestStageRunner();
        IAggregation<PairwiseResult> aggregation = Aggregators.Pairwise([new Juror("j1", Prefers("beta", "alpha", "gamma"), "overall")]).Begin(3);
        aggregation.AddAll(ThreeCandidates);

        AggregationResult<PairwiseResult> result = await aggregation.CompleteAsync(stage.Context(ThreeCandidates));

        Assert.Equal("beta", result.Value.WinnerText);
        Assert.Equal(["b1", "b0", "b2"], result.Value.Standings.Select(s => s.CandidateLabel));
        Assert.Equal([2.0, 1.0, 0.0], result.Value.Standings.Select(s => s.Score));
        Assert.Equal(6, stage.AllBranches.Count());   // 3 pairs x 2 orders
        Assert.Equal("pairwise", stage.Stages.Single().Stage);
        Assert.Contains(stage.AllBranches, b => b.Label == "j1/b0~b1/swapped");
        Assert.All(result.Value.Judgments, j => Assert.False(j.PositionFlip));
        Assert.Equal("pairwise", result.Decision.Strategy);
        Assert.Equal("b1", result.Decision.Winner);
    }

    [Fact]
    public async Task CompleteAsync_PositionBiasedJudgeBothOrders_EveryPairIsATie()
    {
        var stage = new TestStageRunner();
        IAggregation<PairwiseResult> aggregation = Aggregators.Pairwise([new Juror("biased", AlwaysFirstShown(), "overall")]).Begin(3);
        aggregation.AddAll(ThreeCandidates);

        AggregationResult<PairwiseResult> result = await aggregation.CompleteAsync(stage.Context(ThreeCandidates));

        Assert.All(result.Value.Pairs, p => Assert.Equal(PairwisePreference.Tie, p.Preference));
        Assert.All(result.Value.Judgments, j => Assert.True(j.PositionFlip));
        Assert.Equal("alpha", result.Value.WinnerText);   // all tied: ties go to the earlier branch
        Assert.Contains("3 position flips", result.Decision.Summary);
    }

    [Fact]
    public async Task CompleteAsync_PositionBiasedJudgeOneOrder_FirstShownAlwaysWins()
    {
        var stage = new TestStageRunner();
        IAggregation<PairwiseResult> aggregation = Aggregators.Pairwise([new Juror("biased", AlwaysFirstShown(), "overall")], new() { BothOrders = false }).Begin(3);
        aggregation.AddAll(ThreeCandidates);

        AggregationResult<PairwiseResult> result = await aggregation.CompleteAsync(stage.Context(ThreeCandidates));

        Assert.Equal(3, stage.AllBranches.Count());
        Assert.All(result.Value.Pairs, p => Assert.Equal(PairwisePreference.First, p.Preference));
        Assert.Equal("alpha", result.Value.WinnerText);
    }

    [Fact]
    public async Task CompleteAsync_HeavierJudgeWinsThePair()
    {
        BranchOutcome[] two = [TestOutcomes.Ok(0, "alpha"), TestOutcomes.Ok(1, "beta")];
        Juror[] judges = [new("light", Prefers("beta", "alpha"), "overall", 1), new("heavy", Prefers("alpha", "beta"), "overall", 2)];

        AggregationResult<PairwiseResult> result = await RunWithStage(Aggregators.Pairwise(judges), two);

        PairVerdict pair = Assert.Single(result.Value.Pairs);
        Assert.Equal(PairwisePreference.First, pair.Preference);
        Assert.Equal(2, pair.FirstWeight);
        Assert.Equal(1, pair.SecondWeight);
        Assert.Equal("alpha", result.Value.WinnerText);
    }

    /// <summary>
    /// Two judges agreeing on beta > alpha > gamma: pairs (b0,b1) Second, (b0,b2) First, (b1,b2) First; κ = α = 1.
    /// A fair judge and a position-biased one (ties everywhere): Fleiss rows (First, Second, Tie) [0,1,1], [1,0,1], [1,0,1]:
    /// P̄ = 0, Pₑ = (2/6)² + (1/6)² + (3/6)² = 7/18, κ = −7/11; Krippendorff: Dₒ·n = 6, n² − Σn_c² = 36 − 14 = 22, α = 1 − 5·6/22 = −4/11.
    /// </summary>
    [Theory]
    [InlineData(false, 1.0, 1.0)]
    [InlineData(true, -7.0 / 11, -4.0 / 11)]
    public async Task CompleteAsync_Agreement_MatchesHandComputed(bool secondBiased, double kappa, double alpha)
    {
        Juror[] judges =
        [
            new("fair", Prefers("beta", "alpha", "gamma"), "overall"),
            new("other", secondBiased ? AlwaysFirstShown() : Prefers("beta", "alpha", "gamma"), "overall"),
        ];

        AggregationResult<PairwiseResult> result = await RunWithStage(Aggregators.Pairwise(judges), ThreeCandidates);

        Assert.Equal(kappa, result.Value.Agreement.FleissKappa, 12);
        Assert.Equal(alpha, result.Value.Agreement.KrippendorffAlpha, 12);
        Assert.Equal(3, result.Value.Agreement.Units);
        Assert.Equal(2, result.Value.Agreement.Raters);
        Assert.Equal(kappa, result.Decision.Evidence.Single(e => e.Key == "agreement/fleiss_kappa").Value, 12);
        Assert.Equal(alpha, result.Decision.Evidence.Single(e => e.Key == "agreement/krippendorff_alpha").Value, 12);
    }

    [Fact]
    public async Task CompleteAsync_UnreadableJudge_AbstainsShownNotCounted()
    {
        BranchOutcome[] two = [TestOutcomes.Ok(0, "alpha"), TestOutcomes.Ok(1, "beta")];
        Juror[] judges = [new("broken", new ScriptedChatClient("I like both"), "overall"), new("fair", Prefers("beta", "alpha"), "overall")];

        AggregationResult<PairwiseResult> result = await RunWithStage(Aggregators.Pairwise(judges), two);

        PairwiseJudgment broken = result.Value.Judgments.Single(j => j.Judge == "broken");
        Assert.True(broken.Abstained);
        Assert.StartsWith("shown order: unusable output: its output is not a JSON object", broken.Error);
        Assert.Equal("beta", result.Value.WinnerText);
        Assert.Equal(0, result.Value.Pairs[0].TieWeight);
        Assert.Contains(result.Decision.Evidence, e => e.Key == "broken/b0~b1" && e.Detail!.StartsWith("abstained: ", StringComparison.Ordinal));
        Assert.Contains("1 abstentions", result.Decision.Summary);
    }

    [Fact]
    public async Task CompleteAsync_EveryJudgeAbstains_Throws()
    {
        BranchOutcome[] two = [TestOutcomes.Ok(0, "alpha"), TestOutcomes.Ok(1, "beta")];

        AggregationException ex = await Assert.ThrowsAsync<AggregationException>(() => RunWithStage(Aggregators.Pairwise([new Juror("j", new ScriptedChatClient("{\"choice\":\"C\"}"), "x")]), two));

        Assert.Contains("it chose 'C', which is not A, B or tie", ex.Message);
    }

    [Fact]
    public async Task CompleteAsync_JudgeSaysTie_CountsHalfAPoint()
    {
        BranchOutcome[] two = [TestOutcomes.Ok(0, "alpha"), TestOutcomes.Ok(1, "beta")];
        var tie = new ScriptedChatClient("""{"choice":"tie","reason":"same"}""");

        AggregationResult<PairwiseResult> result = await RunWithStage(Aggregators.Pairwise([new Juror("j", tie, "x")]), two);

        Assert.Equal(PairwisePreference.Tie, result.Value.Pairs[0].Preference);
        Assert.All(result.Value.Standings, s => Assert.Equal(0.5, s.Score));
        Assert.False(result.Value.Judgments[0].PositionFlip);
    }

    [Fact]
    public async Task CompleteAsync_VerdictSchemaFromExporter_LimitsChoice()
    {
        var calls = new List<(string Prompt, ChatOptions? Options)>();
        BranchOutcome[] two = [TestOutcomes.Ok(0, "alpha"), TestOutcomes.Ok(1, "beta")];

        await RunWithStage(Aggregators.Pairwise([new Juror("j", Prefers(calls, "alpha", "beta"), "accuracy") { Criteria = "be right" }], new() { Task = "Name a letter" }), two);

        var format = Assert.IsType<ChatResponseFormatJson>(calls[0].Options!.ResponseFormat);
        Assert.Equal("chorus_verdict", format.SchemaName);
        JsonElement schema = format.Schema!.Value;
        Assert.Equal(["A", "B", "tie"], schema.GetProperty("properties").GetProperty("choice").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["choice", "reason"], schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.False(schema.GetProperty("additionalProperties").GetBoolean());
        Assert.Contains("Aspect: accuracy\nRubric: be right", calls[0].Prompt);
        Assert.Contains("Name a letter", calls[0].Prompt);
        Assert.Equal("A=alpha, B=beta", JudgeTestHelpers.Order(calls[0].Prompt));
        Assert.Equal("A=beta, B=alpha", JudgeTestHelpers.Order(calls[1].Prompt));
    }

    [Fact]
    public void Pairwise_InvalidJudges_Throw()
    {
        var client = new ScriptedChatClient("x");
        Assert.StartsWith("A pairwise panel needs at least one judge; got 0.", Assert.Throws<ArgumentException>(() => Aggregators.Pairwise([])).Message);
        Assert.StartsWith("Two judges share the label 'a'", Assert.Throws<ArgumentException>(() => Aggregators.Pairwise([new Juror("a", client, "x"), new Juror("a", client, "y")])).Message);
        Assert.True(new PairwiseOptions().BothOrders);
        Assert.Null(new PairwiseOptions().PromptTemplate);
    }

    private static async Task<AggregationResult<PairwiseResult>> RunWithStage(IAggregator<PairwiseResult> aggregator, BranchOutcome[] outcomes)
    {
        var stage = new TestStageRunner();
        IAggregation<PairwiseResult> aggregation = aggregator.Begin(outcomes.Length);
        aggregation.AddAll(outcomes);
        return await aggregation.CompleteAsync(stage.Context(outcomes));
    }

    /// <summary>A consistent judge: of the two shown, picks the one earlier in <paramref name="ranking"/>.</summary>
    private static ScriptedChatClient Prefers(params string[] ranking) => Prefers(null, ranking);

    private static ScriptedChatClient Prefers(List<(string Prompt, ChatOptions? Options)>? calls, params string[] ranking) =>
        JudgeTestHelpers.Judge(blocks =>
        {
            (string id, _) = blocks.OrderBy(b => Array.IndexOf(ranking, b.Text)).First();
            return $$"""{"choice":"{{id}}","reason":"ranked higher"}""";
        }, calls);

    /// <summary>A judge with pure position bias: always the candidate shown first.</summary>
    private static ScriptedChatClient AlwaysFirstShown() => new("""{"choice":"A","reason":"first is best"}""");
}
