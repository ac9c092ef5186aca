using System.Text.Json;
using Microsoft.Extensions.AI;
using Chorus.Aggregation;

namespace Chorus.Tests.Aggregation;

public sealed class JudgeAggregatorTests : AnswerAggregatorContractTests<JudgeResult>
{
    private static readonly BranchOutcome[] ThreeCandidates =
    [
        TestOutcomes.Ok(0, "alpha", label: "fast"),
        TestOutcomes.Ok(1, "beta", label: "careful"),
        TestOutcomes.Ok(2, "gamma", label: "creative"),
    ];

    protected override IAggregator<JudgeResult> CreateAggregator() =>
        Aggregators.Judge(JudgeTestHelpers.Judge(blocks => $$"""{"choice":"{{blocks[0].Id}}","reason":"first"}"""));

    protected override string ResultText(JudgeResult value) => value.Text;

    [Fact]
    public async Task CompleteAsync_Pick_ReturnsChosenCandidateFromSecondStageBranch()
    {
        var calls = new List<(string Prompt, ChatOptions? Options)>();
        var options = new JudgeOptions { Task = "What is 17 * 23?", Seed = 7 };
        IAggregation<JudgeResult> aggregation = Aggregators.Judge(JudgeTestHelpers.Picks("beta", "it shows its work", calls), options).Begin(3);
        aggregation.AddAll(ThreeCandidates[2], ThreeCandidates[0], ThreeCandidates[1]);

        AggregationResult<JudgeResult> result = await aggregation.CompleteAsync(Stages.Context(ThreeCandidates));

        Assert.Equal(new JudgeResult("beta", "careful", "it shows its work"), result.Value);
        (string stage, IReadOnlyList<Branch> branches) = Assert.Single(Stages.Stages);
        Assert.Equal("judge", stage);
        Assert.Equal("judge", Assert.Single(branches).Label);
        string prompt = Assert.Single(calls).Prompt;
        Assert.Contains("What is 17 * 23?", prompt, StringComparison.Ordinal);
        Assert.Equal(["alpha", "beta", "gamma"], JudgeTestHelpers.Blocks(prompt).Select(b => b.Text).Order());
        Assert.Contains("one of A, B, C", prompt, StringComparison.Ordinal);
        string chosenId = JudgeTestHelpers.Blocks(prompt).Single(b => b.Text == "beta").Id;
        Assert.Equal("judge", result.Decision.Strategy);
        Assert.Equal("careful", result.Decision.Winner);
        Assert.Equal($"judge picked careful (candidate {chosenId} of 3): it shows its work", result.Decision.Summary);
        Assert.Contains(new DecisionEvidence("choice", 1, $"{chosenId}=careful: it shows its work"), result.Decision.Evidence);
    }

    [Fact]
    public async Task CompleteAsync_Pick_AsksForVerdictJsonSchema()
    {
        var calls = new List<(string Prompt, ChatOptions? Options)>();
        IAggregator<JudgeResult> judge = Aggregators.Judge(JudgeTestHelpers.Picks("alpha", calls: calls));
        IAggregation<JudgeResult> aggregation = judge.Begin(3);
        aggregation.AddAll(ThreeCandidates);

        await aggregation.CompleteAsync(Stages.Context(ThreeCandidates));

        var format = Assert.IsType<ChatResponseFormatJson>(Assert.Single(calls).Options?.ResponseFormat);
        Assert.Equal("chorus_verdict", format.SchemaName);
        JsonElement schema = format.Schema!.Value;
        Assert.Equal(["A", "B", "C"], schema.GetProperty("properties").GetProperty("choice").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["choice", "reason"], schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("```json\n{\"choice\": \"{id}\", \"reason\": \"fenced\"}\n```")]
    [InlineData("Sure! Here is my verdict:\n```\n{\"choice\":\"{id}\",\"reason\":\"fenced\"}\n```\nThanks.")]
    [InlineData("I compared {the candidates}. {\"choice\":\"{id}\",\"reason\":\"fenced\"} Done.")]
    [InlineData("{\"Choice\":\"candidate {id}\",\"Reason\":\"fenced\",}")]
    [InlineData("{\"reason\":\"fenced\",\"choice\":\" {lower} \"}")]
    public async Task CompleteAsync_TolerableVerdictShapes_AreParsed(string template)
    {
        ScriptedChatClient judge = JudgeTestHelpers.Judge(blocks =>
        {
            string id = blocks.Single(b => b.Text == "gamma").Id;
            return template.Replace("{id}", id, StringComparison.Ordinal).Replace("{lower}", id.ToLowerInvariant(), StringComparison.Ordinal);
        });

        AggregationResult<JudgeResult> result = await RunAsync(Aggregators.Judge(judge), ThreeCandidates);

        Assert.Equal("creative", result.Value.ChosenLabel);
        Assert.Equal("fenced", result.Value.Reason);
    }

    [Fact]
    public async Task CompleteAsync_ReasonMissing_PicksWithNullReason()
    {
        AggregationResult<JudgeResult> result = await RunAsync(Aggregators.Judge(new ScriptedChatClient("{\"choice\":\"A\"}")), ThreeCandidates);

        Assert.Null(result.Value.Reason);
        Assert.DoesNotContain(":", result.Decision.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("I think the second one is best.")]
    [InlineData("{\"choice\": \"A\"")]
    [InlineData("")]
    public async Task CompleteAsync_UnparseableVerdict_ThrowsWithRawOutput(string raw)
    {
        var ex = await Assert.ThrowsAsync<AggregationException>(() => RunAsync(Aggregators.Judge(new ScriptedChatClient(raw)), ThreeCandidates));

        Assert.Equal(raw, ex.RawOutput);
        Assert.StartsWith("The judge 'judge' did not return a JSON verdict", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteAsync_ChoiceMissing_ThrowsWithRawOutput()
    {
        const string raw = "{\"pick\":\"A\"}";

        var ex = await Assert.ThrowsAsync<AggregationException>(() => RunAsync(Aggregators.Judge(new ScriptedChatClient(raw)), ThreeCandidates));

        Assert.Equal(raw, ex.RawOutput);
        Assert.Equal("The judge 'judge' returned JSON without a string \"choice\".", ex.Message);
    }

    [Fact]
    public async Task CompleteAsync_UnknownChoice_ThrowsWithRawOutput()
    {
        const string raw = "{\"choice\":\"D\",\"reason\":\"hallucinated\"}";

        var ex = await Assert.ThrowsAsync<AggregationException>(() => RunAsync(Aggregators.Judge(new ScriptedChatClient(raw)), ThreeCandidates));

        Assert.Equal("The judge 'judge' chose 'D', which is not one of the candidates A, B, C.", ex.Message);
        Assert.Equal(raw, ex.RawOutput);
    }

    [Fact]
    public async Task CompleteAsync_JudgeBranchFails_ThrowsNamingJudgeAndError()
    {
        var failure = new HttpRequestException("503 Service Unavailable");
        var client = new ScriptedChatClient((_, _, _) => Task.FromException<ChatResponse>(failure));

        var ex = await Assert.ThrowsAsync<AggregationException>(() => RunAsync(Aggregators.Judge(client, new() { Label = "gpt-judge" }), ThreeCandidates));

        Assert.Equal("The judge 'gpt-judge' failed: 503 Service Unavailable", ex.Message);
        Assert.Same(failure, ex.InnerException);
        Assert.Equal("gpt-judge", Assert.Single(Assert.Single(Stages.Stages).Branches).Label);
    }

    [Fact]
    public async Task CompleteAsync_Synthesize_ReturnsJudgeTextWithoutResponseFormat()
    {
        var calls = new List<(string Prompt, ChatOptions? Options)>();
        ScriptedChatClient judge = JudgeTestHelpers.Judge(blocks => "combined: " + string.Join("+", blocks.Select(b => b.Text).Order()), calls);

        AggregationResult<JudgeResult> result = await RunAsync(
            Aggregators.Judge(judge, new() { Mode = JudgeMode.Synthesize, Task = "Summarize." }),
            [ThreeCandidates[0], TestOutcomes.Failed(1), ThreeCandidates[2]]);

        Assert.Equal(new JudgeResult("combined: alpha+gamma", null, null), result.Value);
        Assert.Null(Assert.Single(calls).Options?.ResponseFormat);
        Assert.StartsWith("You are an expert editor.", calls[0].Prompt, StringComparison.Ordinal);
        Assert.Null(result.Decision.Winner);
        Assert.Equal("judge synthesized an answer from 2 candidates", result.Decision.Summary);
        Assert.Contains(new DecisionEvidence("abstained/b1", 0, "failed: boom"), result.Decision.Evidence);
    }

    [Fact]
    public async Task CompleteAsync_SynthesizeBlank_ThrowsWithRawOutput()
    {
        var ex = await Assert.ThrowsAsync<AggregationException>(() =>
            RunAsync(Aggregators.Judge(new ScriptedChatClient("  "), new() { Mode = JudgeMode.Synthesize }), ThreeCandidates));

        Assert.Equal("  ", ex.RawOutput);
    }

    [Fact]
    public async Task CompleteAsync_FixedSeed_OrderRecordedAndReproducible()
    {
        var calls = new List<(string Prompt, ChatOptions? Options)>();
        IAggregator<JudgeResult> judge = Aggregators.Judge(JudgeTestHelpers.Picks("alpha", calls: calls), new() { Seed = 12345 });

        AggregationResult<JudgeResult> first = await RunAsync(judge, ThreeCandidates);
        AggregationResult<JudgeResult> second = await RunAsync(judge, ThreeCandidates);

        Assert.Equal(JudgeTestHelpers.Order(calls[0].Prompt), JudgeTestHelpers.Order(calls[1].Prompt));
        DecisionEvidence seed = first.Decision.Evidence.Single(e => e.Key == "seed");
        Assert.Equal(12345, seed.Value);
        Assert.Equal("order: " + ExpectedOrder(12345), seed.Detail);
        Assert.Equal(seed, second.Decision.Evidence.Single(e => e.Key == "seed"));
        string labelsByPrompt = string.Join(", ", JudgeTestHelpers.Blocks(calls[0].Prompt).Select(b => $"{b.Id}={ThreeCandidates.Single(o => o.Text == b.Text).Label}"));
        Assert.Equal("order: " + labelsByPrompt, seed.Detail);
        Assert.Contains(first.Decision.Evidence, e => e.Key == "candidate/A" && e.Detail == ThreeCandidates[(int)e.Value].Label);
    }

    [Fact]
    public async Task CompleteAsync_NoSeed_RecordedSeedReproducesOrder()
    {
        var calls = new List<(string Prompt, ChatOptions? Options)>();
        AggregationResult<JudgeResult> first = await RunAsync(Aggregators.Judge(JudgeTestHelpers.Picks("alpha", calls: calls)), ThreeCandidates);
        int recorded = (int)first.Decision.Evidence.Single(e => e.Key == "seed").Value;

        await RunAsync(Aggregators.Judge(JudgeTestHelpers.Picks("alpha", calls: calls), new() { Seed = recorded }), ThreeCandidates);

        Assert.Equal(JudgeTestHelpers.Order(calls[0].Prompt), JudgeTestHelpers.Order(calls[1].Prompt));
    }

    [Fact]
    public async Task CompleteAsync_DifferentSeeds_ShowDifferentOrders()
    {
        var calls = new List<(string Prompt, ChatOptions? Options)>();
        for (int seed = 0; seed < 20; seed++)
        {
            await RunAsync(Aggregators.Judge(JudgeTestHelpers.Picks("alpha", calls: calls), new() { Seed = seed }), ThreeCandidates);
        }

        Assert.True(calls.Select(c => JudgeTestHelpers.Order(c.Prompt)).Distinct().Count() >= 4);
    }

    [Fact]
    public async Task CompleteAsync_ShuffleOff_ShowsBranchOrder()
    {
        var calls = new List<(string Prompt, ChatOptions? Options)>();

        AggregationResult<JudgeResult> result = await RunAsync(
            Aggregators.Judge(JudgeTestHelpers.Picks("alpha", calls: calls), new() { ShuffleCandidates = false, Seed = 3 }),
            ThreeCandidates);

        Assert.Equal("A=alpha, B=beta, C=gamma", JudgeTestHelpers.Order(calls[0].Prompt));
        Assert.Equal("order (not shuffled): A=fast, B=careful, C=creative", result.Decision.Evidence.Single(e => e.Key == "seed").Detail);
    }

    [Fact]
    public async Task CompleteAsync_CustomTemplateAndChatOptions_UsedWithoutChangingCallerOptions()
    {
        var calls = new List<(string Prompt, ChatOptions? Options)>();
        var chatOptions = new ChatOptions { ModelId = "judge-model", Temperature = 0 };
        var options = new JudgeOptions
        {
            PromptTemplate = "Q={task} n={count} ids={ids} keep={this}\n{candidates}",
            ChatOptions = chatOptions,
            ShuffleCandidates = false,
        };

        await RunAsync(Aggregators.Judge(JudgeTestHelpers.Picks("beta", calls: calls), options), ThreeCandidates);

        Assert.StartsWith("Q=(not given: judge the candidates on their own merits) n=3 ids=A, B, C keep={this}\n<candidate id=\"A\">\nalpha\n</candidate>", calls[0].Prompt, StringComparison.Ordinal);
        Assert.Equal("judge-model", calls[0].Options?.ModelId);
        Assert.Equal(0f, calls[0].Options?.Temperature);
        Assert.Null(chatOptions.ResponseFormat);
        Assert.NotSame(chatOptions, calls[0].Options);
    }

    [Fact]
    public async Task CompleteAsync_CallerCancels_PropagatesCancellation()
    {
        using var cts = new CancellationTokenSource();
        var client = new ScriptedChatClient((_, _, ct) =>
        {
            cts.Cancel();
            ct.ThrowIfCancellationRequested();
            return Task.FromResult(ScriptedChatClient.Reply("{}"));
        });
        IAggregation<JudgeResult> aggregation = Aggregators.Judge(client).Begin(1);
        aggregation.Add(ThreeCandidates[0]);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => aggregation.CompleteAsync(Stages.Context(ThreeCandidates[0]), cts.Token));
    }

    [Fact]
    public async Task CompleteAsync_ContextWithoutSecondStage_ThrowsInvalidOperation()
    {
        IAggregation<JudgeResult> aggregation = Aggregators.Judge(new ScriptedChatClient("{\"choice\":\"A\"}")).Begin(1);
        aggregation.Add(ThreeCandidates[0]);

        await Assert.ThrowsAsync<InvalidOperationException>(() => aggregation.CompleteAsync(new AggregationContext([ThreeCandidates[0]])));
    }

    [Fact]
    public void Judge_NullClient_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => Aggregators.Judge(null!));
    }

    [Fact]
    public void Options_Defaults_ArePinned()
    {
        var options = new JudgeOptions();

        Assert.Equal(JudgeMode.Pick, options.Mode);
        Assert.Null(options.Task);
        Assert.Null(options.PromptTemplate);
        Assert.Null(options.ChatOptions);
        Assert.Null(options.Seed);
        Assert.True(options.ShuffleCandidates);
        Assert.Equal("judge", options.Label);
    }

    [Fact]
    public void Options_InvalidValues_Throw()
    {
        var options = new JudgeOptions();

        Assert.Throws<ArgumentOutOfRangeException>(() => options.Mode = (JudgeMode)9);
        Assert.Throws<ArgumentException>(() => options.PromptTemplate = " ");
        Assert.Throws<ArgumentException>(() => options.Label = "");
        Assert.Throws<ArgumentNullException>(() => options.Label = null!);
        options.PromptTemplate = null;
        Assert.Null(options.PromptTemplate);
    }

    /// <summary>The documented shuffle: Fisher–Yates over the successful outcomes in branch order with <c>new Random(seed)</c>.</summary>
    private static string ExpectedOrder(int seed)
    {
        string[] labels = [.. ThreeCandidates.Select(o => o.Label)];
        var random = new Random(seed);
        for (int i = labels.Length - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (labels[i], labels[j]) = (labels[j], labels[i]);
        }

        return string.Join(", ", labels.Select((l, i) => $"{(char)('A' + i)}={l}"));
    }

    private Task<AggregationResult<JudgeResult>> RunAsync(IAggregator<JudgeResult> judge, BranchOutcome[] outcomes)
    {
        IAggregation<JudgeResult> aggregation = judge.Begin(outcomes.Length);
        aggregation.AddAll(outcomes);
        return aggregation.CompleteAsync(Stages.Context(outcomes));
    }
}
