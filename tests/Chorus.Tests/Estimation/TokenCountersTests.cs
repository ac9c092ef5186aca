using Microsoft.ML.Tokenizers;
using Chorus.Estimation;
using Chorus.Internal;

namespace Chorus.Tests.Estimation;

/// <summary>Issue 12, item 3: prompt token estimates use the model's tokenizer; the chars/4 heuristic is a labelled fallback.</summary>
public class TokenCountersTests
{
    private static readonly string[] Corpus =
    [
        "What is 17 * 23?",
        "The quick brown fox jumps over the lazy dog. Parallel calls are joined into one answer, and the join must count every finished answer once.",
        "public static int Add(int a, int b)\n{\n    return checked(a + b); // overflow throws\n}\nvar xs = Enumerable.Range(0, 10).Select(i => i * i).ToList();",
        "{\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Paris\"}}],\"usage\":{\"prompt_tokens\":12}}",
        "東京は日本の首都です。今日はとても良い天気ですね。我们今天去公园散步吧。",
        "Réponds en une phrase : quelle est la capitale de l'Australie ?",
    ];

    [Theory]
    [InlineData("gpt-4o", "o200k_base")]
    [InlineData("gpt-4o-mini", "o200k_base")]
    [InlineData("gpt-4.1", "o200k_base")]
    [InlineData("o3-mini", "o200k_base")]
    [InlineData("openai/gpt-4o", "o200k_base")]
    [InlineData("gpt-4", "cl100k_base")]
    [InlineData("gpt-4-turbo", "cl100k_base")]
    [InlineData("gpt-3.5-turbo", "cl100k_base")]
    [InlineData("llama-3-8b", "heuristic chars/4")]
    [InlineData(null, "heuristic chars/4")]
    public void For_ModelName_ChoosesTheTokenizer(string? model, string expected)
    {
        ITokenCounter counter = TokenCounters.For(model);

        Assert.Equal(expected, counter.Name);
        Assert.Equal(expected.StartsWith("heuristic", StringComparison.Ordinal), counter.IsHeuristic);
    }

    [Theory]
    [InlineData("gpt-4o", "o200k_base")]
    [InlineData("gpt-4", "cl100k_base")]
    public void Estimate_FixedCorpus_MeanAbsoluteErrorAtMostFivePercent(string model, string encoding)
    {
        TiktokenTokenizer reference = TiktokenTokenizer.CreateForEncoding(encoding);
        double error = Corpus.Average(text =>
        {
            long estimate = TokenEstimator.Count([new Microsoft.Extensions.AI.ChatMessage(Microsoft.Extensions.AI.ChatRole.User, text)], model) - 4;
            int actual = reference.CountTokens(text);
            return Math.Abs(estimate - actual) / (double)actual;
        });

        Assert.True(error <= 0.05, $"mean absolute error {error:P1}");
    }

    [Fact]
    public void Heuristic_FixedCorpus_IsFarOffWhichIsWhyItIsOnlyAFallback()
    {
        TiktokenTokenizer reference = TiktokenTokenizer.CreateForEncoding("o200k_base");
        double error = Corpus.Average(text => Math.Abs(TokenCounters.Heuristic.Count(text) - reference.CountTokens(text)) / (double)reference.CountTokens(text));

        Assert.True(error > 0.10, $"the heuristic was within {error:P1}; the corpus no longer shows why a tokenizer is needed");
    }

    [Fact]
    public void For_CustomResolver_IsConsultedFirst()
    {
        var mine = new FixedCounter();

        Assert.Same(mine, TokenCounters.For("my-model", m => m == "my-model" ? mine : null));
        Assert.Equal("o200k_base", TokenCounters.For("gpt-4o", m => m == "my-model" ? mine : null).Name);
    }

    [Fact]
    public void EstimateBranch_KnownModel_UsesItsTokenizer()
    {
        var client = new Chorus.TestKit.ScriptedChatClient("x") { ModelId = "gpt-4o" };
        string prompt = Corpus[4];

        BranchEstimate estimate = PlanEstimator.EstimateBranch(new Branch("b", client, prompt), RunStages.Main);

        Assert.Equal(TiktokenTokenizer.CreateForEncoding("o200k_base").CountTokens(prompt) + 4, estimate.InputTokens);
    }

    private sealed class FixedCounter : ITokenCounter
    {
        public string Name => "fixed";

        public bool IsHeuristic => false;

        public long Count(string? text) => 1;
    }
}
