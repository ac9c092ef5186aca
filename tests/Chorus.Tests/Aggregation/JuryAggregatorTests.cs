using Microsoft.Extensions.AI;
using Chorus.Aggregation;

namespace Chorus.Tests.Aggregation;

public sealed class JuryAggregatorTests : AnswerAggregatorContractTests<JuryResult>
{
    private static readonly BranchOutcome[] ThreeCandidates =
    [
        TestOutcomes.Ok(0, "alpha"),
        TestOutcomes.Ok(1, "beta"),
        TestOutcomes.Ok(2, "gamma"),
    ];

    protected override IAggregator<JuryResult> CreateAggregator() =>
        Aggregators.Jury([new Juror("j1", Scores(_ => 7), "accuracy")]);

    protected override string ResultText(JuryResult value) => value.WinnerText;

    /// <summary>
    /// accuracy: alpha 8, beta 6, gamma 9 · logic: alpha 7, beta 9, gamma 5 · tone: alpha 6, beta 9, gamma 7.
    /// Mean: 7, 8, 7 · median: 7, 9, 7 · majority (top picks gamma, beta, beta): 0, 2/3, 1/3.
    /// Accuracy weighted 3: mean 37/5, 36/5, 39/5 · median (half of 5 = 2.5): 8, 6, 9 · majority 0, 2/5, 3/5.
    /// </summary>
    [Theory]
    [InlineData(JuryCombine.Mean, 1.0, "beta", 8.0, new[] { 8.0, 7.0, 7.0 })]
    [InlineData(JuryCombine.Median, 1.0, "beta", 9.0, new[] { 9.0, 7.0, 7.0 })]
    [InlineData(JuryCombine.Majority, 1.0, "beta", 2.0 / 3, new[] { 2.0 / 3, 1.0 / 3, 0.0 })]
    [InlineData(JuryCombine.Mean, 3.0, "gamma", 7.8, new[] { 7.8, 7.4, 7.2 })]
    [InlineData(JuryCombine.Median, 3.0, "gamma", 9.0, new[] { 9.0, 8.0, 6.0 })]
    [InlineData(JuryCombine.Majority, 3.0, "gamma", 0.6, new[] { 0.6, 0.4, 0.0 })]
    public async Task CompleteAsync_ThreeAspects_CombinesAsHandComputed(JuryCombine combine, double accuracyWeight, string winner, double score, double[] standings)
    {
        Juror[] jurors =
        [
            new("acc", Scores(Table(8, 6, 9)), "accuracy", accuracyWeight),
            new("logic", Scores(Table(7, 9, 5)), "logic"),
            new("tone", Scores(Table(6, 9, 7)), "tone"),
        ];

        AggregationResult<JuryResult> result = await RunAsync(Aggregators.Jury(jurors, new() { Combine = combine, Seed = 5 }), ThreeCandidates);

        Assert.Equal(winner, result.Value.WinnerText);
        Assert.Equal(ThreeCandidates.Single(o => o.Text == winner).Label, result.Value.WinnerLabel);
        Assert.Equal(score, result.Value.Score, 12);
        Assert.Equal(standings.Length, result.Value.Standings.Count);
        for (int i = 0; i < standings.Length; i++)
        {
            Assert.Equal(standings[i], result.Value.Standings[i].Score, 12);
        }
        Assert.Equal(3, result.Value.Verdicts.Count);
        Assert.All(result.Value.Verdicts, v => Assert.False(v.Abstained));
    }

    [Fact]
    public async Task CompleteAsync_MedianOfTwoEqualJurors_AveragesMiddleScores()
    {
        Juror[] jurors = [new("j1", Scores(Table(4, 6, 1)), "accuracy"), new("j2", Scores(Table(9, 7, 2)), "logic")];

        AggregationResult<JuryResult> result = await RunAsync(Aggregators.Jury(jurors, new() { Combine = JuryCombine.Median }), ThreeCandidates);

        Assert.Equal([6.5, 6.5, 1.5], result.Value.Standings.Select(s => s.Score));
        Assert.Equal("alpha", result.Value.WinnerText);
    }

    [Fact]
    public async Task CompleteAsync_JurorsRunAsOneStageWithScoresSchema()
    {
        var calls = new List<(string Prompt, ChatOptions? Options)>();
        Juror[] jurors =
        [
            new("gpt/accuracy", Scores(_ => 5, calls), "accuracy", options: new ChatOptions { ModelId = "gpt" }),
            new("claude/tone", Scores(_ => 5, calls), "tone"),
        ];

        await RunAsync(Aggregators.Jury(jurors, new() { Task = "Explain TCP." }), ThreeCandidates);

        (string stage, IReadOnlyList<Branch> branches) = Assert.Single(Stages.Stages);
        Assert.Equal("jury", stage);
        Assert.Equal(["gpt/accuracy", "claude/tone"], branches.Select(b => b.Label));
        Assert.All(calls, c =>
        {
            var format = Assert.IsType<ChatResponseFormatJson>(c.Options?.ResponseFormat);
            Assert.Equal("chorus_scores", format.SchemaName);
            Assert.Contains("Explain TCP.", c.Prompt, StringComparison.Ordinal);
        });
        Assert.Contains("Aspect: accuracy\n", calls[0].Prompt, StringComparison.Ordinal);
        Assert.Contains("Aspect: tone\n", calls[1].Prompt, StringComparison.Ordinal);
        Assert.Equal("gpt", calls[0].Options?.ModelId);
        Assert.Null(jurors[0].Options?.ResponseFormat);
        Assert.Equal(JudgeTestHelpers.Order(calls[0].Prompt), JudgeTestHelpers.Order(calls[1].Prompt));
    }

    [Fact]
    public async Task CompleteAsync_JurorFailsOrReturnsGarbage_AbstentionShownNotCounted()
    {
        var failing = new ScriptedChatClient((_, _, _) => Task.FromException<ChatResponse>(new TimeoutException("juror timed out")));
        Juror[] jurors =
        [
            new("broken", failing, "logic"),
            new("chatty", new ScriptedChatClient("They are all great!"), "tone"),
            new("good", Scores(Table(3, 9, 5)), "accuracy"),
        ];

        AggregationResult<JuryResult> result = await RunAsync(Aggregators.Jury(jurors, new() { Seed = 1 }), ThreeCandidates);

        Assert.Equal("beta", result.Value.WinnerText);
        Assert.Equal(9, result.Value.Score);
        JurorVerdict broken = result.Value.Verdicts[0];
        Assert.True(broken.Abstained);
        Assert.Equal("failed: juror timed out", broken.Error);
        JurorVerdict chatty = result.Value.Verdicts[1];
        Assert.StartsWith("unusable output: its output is not a JSON object", chatty.Error, StringComparison.Ordinal);
        Assert.Equal("They are all great!", chatty.RawOutput);
        Assert.Empty(chatty.Scores);
        Assert.Contains(new DecisionEvidence("broken/logic", 0, "abstained: failed: juror timed out"), result.Decision.Evidence);
        Assert.Contains(result.Decision.Evidence, e => e.Key == "chatty/tone" && e.Value == 0 && e.Detail!.StartsWith("abstained: unusable output", StringComparison.Ordinal));
        Assert.Contains(result.Decision.Evidence, e => e.Key == "good/accuracy/b1" && e.Value == 9);
        Assert.Contains(new DecisionEvidence("combined/b1", 9, "mean of 1 jurors"), result.Decision.Evidence);
        Assert.StartsWith("jury (mean of 1 jurors, 2 abstained) chose b1", result.Decision.Summary, StringComparison.Ordinal);
        Assert.Equal(1.0, result.Decision.Confidence);
    }

    [Theory]
    [InlineData("""{"scores":[{"candidate":"A","score":7},{"candidate":"B","score":7}]}""", "it gave no score for candidate C")]
    [InlineData("""{"scores":[{"candidate":"A","score":7},{"candidate":"B","score":11},{"candidate":"C","score":7}]}""", "its score for candidate B is not a number from 1 to 10")]
    [InlineData("""{"scores":[{"candidate":"A","score":7},{"candidate":"A","score":7},{"candidate":"C","score":7}]}""", "it scored candidate A twice")]
    [InlineData("""{"scores":[{"candidate":"Q","score":7}]}""", "it scored 'Q', which is not one of the candidates A, B, C")]
    [InlineData("""{"scores":[{"candidate":"A","score":"high"},{"candidate":"B","score":7},{"candidate":"C","score":7}]}""", "its score for candidate A is not a number from 1 to 10")]
    [InlineData("""{"ratings":[]}""", "its JSON has no \"scores\" array")]
    public async Task CompleteAsync_JurorOutputIncomplete_AbstainsWithReason(string raw, string reason)
    {
        Juror[] jurors = [new("bad", new ScriptedChatClient(raw), "logic"), new("good", Scores(Table(3, 9, 5)), "accuracy")];

        AggregationResult<JuryResult> result = await RunAsync(Aggregators.Jury(jurors), ThreeCandidates);

        Assert.Equal("unusable output: " + reason, result.Value.Verdicts[0].Error);
        Assert.Equal("beta", result.Value.WinnerText);
    }

    [Fact]
    public async Task CompleteAsync_JurorFencedJsonWithStringScores_IsRead()
    {
        ScriptedChatClient juror = JudgeTestHelpers.Judge(blocks =>
            "```json\n{\"scores\":[" + string.Join(",", blocks.Select(b => $"{{\"candidate\":\"{b.Id.ToLowerInvariant()}\",\"score\":\"{(b.Text == "gamma" ? "9.5" : "2")}\"}}")) + "]}\n```");

        AggregationResult<JuryResult> result = await RunAsync(Aggregators.Jury([new Juror("j", juror, "accuracy")]), ThreeCandidates);

        Assert.Equal("gamma", result.Value.WinnerText);
        Assert.Equal(9.5, result.Value.Score);
        Assert.Null(result.Value.Verdicts[0].Scores[0].Reason);
    }

    [Fact]
    public async Task CompleteAsync_AllJurorsAbstain_ThrowsWithFirstRawOutput()
    {
        Juror[] jurors = [new("j1", new ScriptedChatClient("no idea"), "logic"), new("j2", new ScriptedChatClient("{}"), "tone")];

        var ex = await Assert.ThrowsAsync<AggregationException>(() => RunAsync(Aggregators.Jury(jurors), ThreeCandidates));

        Assert.Equal("no idea", ex.RawOutput);
        Assert.StartsWith("Every juror abstained: j1: unusable output: its output is not a JSON object", ex.Message, StringComparison.Ordinal);
        Assert.Contains("; j2: unusable output: its JSON has no \"scores\" array.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteAsync_SingleCandidate_ScoresThatResponse()
    {
        Juror[] jurors = [new("j1", Scores(_ => 4), "accuracy"), new("j2", Scores(_ => 8), "tone")];

        AggregationResult<JuryResult> result = await RunAsync(Aggregators.Jury(jurors), [TestOutcomes.Failed(0), TestOutcomes.Ok(1, "solo")]);

        Assert.Equal("solo", result.Value.WinnerText);
        Assert.Equal(6, result.Value.Score);
        Assert.Contains(new DecisionEvidence("abstained/b0", 0, "failed: boom"), result.Decision.Evidence);
    }

    [Fact]
    public async Task CompleteAsync_MajorityJurorTie_VotesForCandidateShownFirst()
    {
        // Not shuffled: A=alpha, B=beta, C=gamma. j1 ties A and B, so it votes A; j2 votes C.
        Juror[] jurors = [new("j1", Scores(Table(8, 8, 1)), "accuracy"), new("j2", Scores(Table(1, 2, 3)), "tone")];

        AggregationResult<JuryResult> result = await RunAsync(
            Aggregators.Jury(jurors, new() { Combine = JuryCombine.Majority, ShuffleCandidates = false }),
            ThreeCandidates);

        // alpha and gamma both have half the weight; alpha's mean (4.5) beats gamma's (2).
        Assert.Equal("alpha", result.Value.WinnerText);
        Assert.Equal(0.5, result.Value.Score);
        Assert.Equal(["b0", "b2", "b1"], result.Value.Standings.Select(s => s.CandidateLabel));
        Assert.Equal(0.5, result.Decision.Confidence);
    }

    [Fact]
    public async Task CompleteAsync_CombinedAndMeanTied_LowerBranchIndexWins()
    {
        AggregationResult<JuryResult> result = await RunAsync(Aggregators.Jury([new Juror("j", Scores(_ => 5), "accuracy")], new() { Seed = 99 }), ThreeCandidates);

        Assert.Equal("b0", result.Value.WinnerLabel);
        Assert.Equal(["b0", "b1", "b2"], result.Value.Standings.Select(s => s.CandidateLabel));
    }

    [Fact]
    public async Task CompleteAsync_FixedSeed_SharedOrderRecorded()
    {
        var calls = new List<(string Prompt, ChatOptions? Options)>();

        AggregationResult<JuryResult> result = await RunAsync(Aggregators.Jury([new Juror("j", Scores(_ => 5, calls), "accuracy")], new() { Seed = 4242 }), ThreeCandidates);

        DecisionEvidence seed = result.Decision.Evidence.Single(e => e.Key == "seed");
        Assert.Equal(4242, seed.Value);
        string expected = string.Join(", ", JudgeTestHelpers.Blocks(calls[0].Prompt).Select(b => $"{b.Id}={ThreeCandidates.Single(o => o.Text == b.Text).Label}"));
        Assert.Equal("order: " + expected, seed.Detail);
    }

    [Fact]
    public void Jury_InvalidJurors_Throw()
    {
        IChatClient client = new ScriptedChatClient("x");

        Assert.Throws<ArgumentNullException>(() => Aggregators.Jury(null!));
        Assert.Equal("A jury needs at least one juror; got 0. (Parameter 'jurors')", Assert.Throws<ArgumentException>(() => Aggregators.Jury([])).Message);
        Assert.Throws<ArgumentNullException>(() => Aggregators.Jury([null!]));
        var duplicate = Assert.Throws<ArgumentException>(() => Aggregators.Jury([new Juror("j", client, "a"), new Juror("j", client, "b")]));
        Assert.StartsWith("Two jurors share the label 'j'; labels must be unique.", duplicate.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Juror_InvalidWeight_ThrowsArgumentOutOfRange(double weight)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Juror("j", new ScriptedChatClient("x"), "a", weight));
        Assert.StartsWith("The weight of juror 'j' must be positive and finite", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Juror_InvalidArguments_Throw()
    {
        var client = new ScriptedChatClient("x");

        Assert.Throws<ArgumentException>(() => new Juror(" ", client, "a"));
        Assert.Throws<ArgumentNullException>(() => new Juror("j", null!, "a"));
        Assert.Throws<ArgumentException>(() => new Juror("j", client, ""));
        Assert.Equal(1, new Juror("j", client, "a").Weight);
    }

    [Fact]
    public void Juror_Options_AreCloned()
    {
        var options = new ChatOptions { ModelId = "m" };
        var juror = new Juror("j", new ScriptedChatClient("x"), "a", options: options);
        options.ModelId = "changed";

        Assert.Equal("m", juror.Options?.ModelId);
    }

    [Fact]
    public void Options_DefaultsAndValidation_ArePinned()
    {
        var options = new JuryOptions();

        Assert.Equal(JuryCombine.Mean, options.Combine);
        Assert.Null(options.Task);
        Assert.Null(options.PromptTemplate);
        Assert.Null(options.Seed);
        Assert.True(options.ShuffleCandidates);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.Combine = (JuryCombine)7);
        Assert.Throws<ArgumentException>(() => options.PromptTemplate = "");
    }

    /// <summary>
    /// Scores alpha, beta, gamma: j1 4, 6, 1 and j2 9, 7, 2. Interval α: Dₒ·n = 2·25 + 2·1 + 2·1 = 54; values sum 29, squares 187,
    /// Σ(xᵢ − xⱼ)² = 2·6·187 − 2·29² = 562; α = 1 − 5·54/562 = 146/281. Fleiss (scores as categories): every item split, P̄ = 0,
    /// six categories once each, Pₑ = 1/6, κ = −1/5.
    /// </summary>
    [Fact]
    public async Task CompleteAsync_TwoJurors_AgreementAsHandComputed()
    {
        Juror[] jurors = [new("j1", Scores(Table(4, 6, 1)), "accuracy"), new("j2", Scores(Table(9, 7, 2)), "logic")];

        AggregationResult<JuryResult> result = await RunAsync(Aggregators.Jury(jurors), ThreeCandidates);

        Assert.Equal(146.0 / 281, result.Value.Agreement.KrippendorffAlpha, 12);
        Assert.Equal(-0.2, result.Value.Agreement.FleissKappa, 12);
        Assert.Equal(146.0 / 281, result.Decision.Evidence.Single(e => e.Key == "agreement/krippendorff_alpha").Value, 12);
        Assert.Equal(-0.2, result.Decision.Evidence.Single(e => e.Key == "agreement/fleiss_kappa").Value, 12);
    }

    [Fact]
    public async Task JuryPanel_ModelsTimesDefaultRubric_OneJurorPerAspectWithCriteria()
    {
        var calls = new List<(string Prompt, ChatOptions? Options)>();
        IReadOnlyList<Juror> panel = JuryPanel.Create(
            [("m1", Scores(Table(8, 6, 9), calls), null), ("m2", Scores(Table(7, 9, 5)), new ChatOptions { ModelId = "x" })],
            weights: new Dictionary<string, double> { ["m2"] = 2 });

        AggregationResult<JuryResult> result = await RunAsync(Aggregators.Jury(panel), ThreeCandidates);

        Assert.Equal(["m1/accuracy", "m1/logic", "m1/tone", "m2/accuracy", "m2/logic", "m2/tone"], panel.Select(j => j.Label));
        Assert.Equal([1.0, 1, 1, 2, 2, 2], panel.Select(j => j.Weight));
        Assert.Equal("x", panel[3].Options!.ModelId);
        Assert.Equal(6, result.Value.Verdicts.Count);
        Assert.Contains("Aspect: accuracy\nRubric: " + RubricAspect.Accuracy.Criteria, calls[0].Prompt, StringComparison.Ordinal);
        Assert.Contains("Rubric: " + RubricAspect.LogicalConsistency.Criteria, calls[1].Prompt, StringComparison.Ordinal);
        Assert.Equal(["accuracy", "logic", "tone"], RubricAspect.Default.Select(a => a.Name));
    }

    [Fact]
    public void JuryPanel_Empty_Throws()
    {
        Assert.StartsWith("A panel needs at least one model; got 0.", Assert.Throws<ArgumentException>(() => JuryPanel.Create([])).Message);
        Assert.StartsWith("A rubric needs at least one aspect; got 0.", Assert.Throws<ArgumentException>(() => JuryPanel.Create([("m", new ScriptedChatClient("x"), null)], [])).Message);
    }

    /// <summary>A juror that gives each shown candidate the score <paramref name="score"/> computes from its text.</summary>
    private static ScriptedChatClient Scores(Func<string, double> score, List<(string Prompt, ChatOptions? Options)>? calls = null) =>
        JudgeTestHelpers.Judge(
            blocks => "{\"scores\":[" + string.Join(",", blocks.Select(b =>
                $"{{\"candidate\":\"{b.Id}\",\"score\":{score(b.Text).ToString(System.Globalization.CultureInfo.InvariantCulture)},\"reason\":\"r-{b.Text}\"}}")) + "]}",
            calls);

    private static Func<string, double> Table(double alpha, double beta, double gamma) =>
        text => text switch { "alpha" => alpha, "beta" => beta, _ => gamma };

    private Task<AggregationResult<JuryResult>> RunAsync(IAggregator<JuryResult> jury, BranchOutcome[] outcomes)
    {
        IAggregation<JuryResult> aggregation = jury.Begin(outcomes.Length);
        aggregation.AddAll(outcomes);
        return aggregation.CompleteAsync(Stages.Context(outcomes));
    }
}
