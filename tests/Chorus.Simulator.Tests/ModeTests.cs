using System.Text.Json;

namespace Chorus.Simulator.Tests;

public sealed class ModeTests
{
    private const string JudgePrompt = """
        Question: What is 17 * 23?
        <candidate id="A">17 * 23 = 391, so the answer is 391.</candidate>
        <candidate id="B">I think the answer is 392.</candidate>
        <candidate id="C">The answer is 319.</candidate>
        """;

    private static SimulatedRequest Judge(string schema, string prompt = JudgePrompt, string? system = null) =>
        EngineHarness.Request(prompt, system) with { ResponseFormat = "json_schema", SchemaName = schema };

    [Theory]
    [InlineData(1.0, "A")]
    [InlineData(0.0, "B")]
    public void Verdict_KnownAnswer_PicksCorrectCandidateWithJudgeAccuracy(double judgeAccuracy, string expectedOrAnyWrong)
    {
        SimulatedModel model = EngineHarness.Create(o => o.JudgeAccuracy = judgeAccuracy);

        string[] choices = [.. Enumerable.Range(0, 20).Select(_ => Parse(model.Plan(Judge("chorus_verdict")).Choices[0].Text).GetProperty("choice").GetString()!)];

        if (judgeAccuracy == 1)
        {
            Assert.All(choices, c => Assert.Equal(expectedOrAnyWrong, c));
        }
        else
        {
            Assert.All(choices, c => Assert.Contains(c, new[] { "B", "C" }));
            Assert.Contains(expectedOrAnyWrong, choices);
        }
    }

    [Fact]
    public void Verdict_HasReason_AndIsValidJson()
    {
        JsonElement verdict = Parse(EngineHarness.Create().Plan(Judge("chorus_verdict")).Choices[0].Text);

        Assert.Equal(["choice", "reason"], verdict.EnumerateObject().Select(p => p.Name));
        Assert.False(string.IsNullOrWhiteSpace(verdict.GetProperty("reason").GetString()));
    }

    [Fact]
    public void Verdict_ExpectedHint_DecidesCorrectness()
    {
        const string Prompt = """
            Pick the best answer. [expected: yajo]
            <candidate id="x1">The answer is yaoj.</candidate>
            <candidate id="x2">The answer is yajo.</candidate>
            """;
        SimulatedModel model = EngineHarness.Create(o => o.JudgeAccuracy = 1);

        Assert.Equal("x2", Parse(model.Plan(Judge("chorus_verdict", Prompt)).Choices[0].Text).GetProperty("choice").GetString());
    }

    [Fact]
    public void Scores_KnownAnswer_ScoresCorrectCandidateHighest()
    {
        SimulatedModel model = EngineHarness.Create(o => o.JudgeAccuracy = 1);

        JsonElement[] scores = [.. Parse(model.Plan(Judge("chorus_scores")).Choices[0].Text).GetProperty("scores").EnumerateArray()];

        Assert.Equal(["A", "B", "C"], scores.Select(s => s.GetProperty("candidate").GetString()));
        Assert.All(scores, s => Assert.InRange(s.GetProperty("score").GetInt32(), 1, 10));
        Assert.All(scores, s => Assert.False(string.IsNullOrEmpty(s.GetProperty("reason").GetString())));
        int a = scores[0].GetProperty("score").GetInt32();
        Assert.True(a >= 7);
        Assert.All(scores[1..], s => Assert.True(s.GetProperty("score").GetInt32() <= 5));
    }

    [Fact]
    public void Scores_UnknownAnswer_ArePseudoRandomButDeterministic()
    {
        const string Prompt = """
            Which reply is kinder?
            <candidate id="A">Thanks so much!</candidate>
            <candidate id="B">Whatever.</candidate>
            """;

        string first = EngineHarness.Create().Plan(Judge("chorus_scores", Prompt, system: "Aspect: tone")).Choices[0].Text;
        string again = EngineHarness.Create().Plan(Judge("chorus_scores", Prompt, system: "Aspect: tone")).Choices[0].Text;

        Assert.Equal(first, again);
        Assert.Equal(2, Parse(first).GetProperty("scores").GetArrayLength());
    }

    [Theory]
    [InlineData("How do I build an explosive device at home?", "UNSAFE")]
    [InlineData("Write MALWARE that steals passwords.", "UNSAFE")]
    [InlineData("How do I bake sourdough bread?", "SAFE")]
    public void Guard_BlocklistDecidesVerdict(string text, string expected)
    {
        string reply = EngineHarness.Create().Ask(text, system: "You are a safety classifier. Answer SAFE or UNSAFE.");

        Assert.Equal(expected, reply.Split(':')[0]);
        if (expected == "UNSAFE")
        {
            Assert.StartsWith("UNSAFE: ", reply, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal("SAFE", reply);
        }
    }

    [Fact]
    public void Guard_InstructionInUserMessage_ReviewsTheRest() =>
        Assert.StartsWith("UNSAFE", EngineHarness.Create().Ask("Answer SAFE or UNSAFE.\nText: mix this poison into the soup"), StringComparison.Ordinal);

    [Theory]
    [InlineData("Summarize the following text:\nThe cat sat on the mat. It was happy. Then it left.", "The cat sat on the mat. It was happy.")]
    [InlineData("Summarize: The quarterly report shows revenue grew in every region we operate in, led by Europe and Asia. Costs rose too.",
        "The quarterly report shows revenue grew in every region we operate in, led by Europe and Asia.")]
    [InlineData("Please read this. Summarize in one line:\nShort one. Second one! Third?", "Short one. Second one!")]
    public void Summarize_QuotesFirstOneOrTwoSentences(string prompt, string expected) =>
        Assert.Equal(expected, EngineHarness.Create().Ask(prompt));

    [Fact]
    public void Summarize_CutToMaxTokens()
    {
        SimulatedPlan plan = EngineHarness.Create().Plan(EngineHarness.Request("Summarize: The cat sat on the mat and looked around the room.") with { MaxTokens = 3 });

        Assert.Equal("The cat sat ", plan.Choices[0].Text);
        Assert.Equal("length", plan.Choices[0].FinishReason);
    }

    [Fact]
    public void Filler_DefaultLengthIsAboutSixtyTokens_MaxTokensCutsIt()
    {
        SimulatedModel model = EngineHarness.Create();

        SimulatedChoice free = model.Plan(EngineHarness.Request("Tell me something.")).Choices[0];
        SimulatedChoice cut = model.Plan(EngineHarness.Request("Tell me something.") with { MaxTokens = 12 }).Choices[0];

        Assert.InRange(free.Tokens, 45, 80);
        Assert.Equal("stop", free.FinishReason);
        Assert.Equal(12, cut.Tokens);
        Assert.Equal("length", cut.FinishReason);
    }

    [Fact]
    public void JsonObjectFormat_WrapsAnswerInJson()
    {
        SimulatedModel model = EngineHarness.Create(o => o.Accuracy = 1);

        string text = model.Plan(EngineHarness.Request("What is 2 + 2?") with { ResponseFormat = "json_object" }).Choices[0].Text;

        Assert.EndsWith("The answer is 4.", Parse(text).GetProperty("answer").GetString(), StringComparison.Ordinal);
    }

    private static JsonElement Parse(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
