using System.Text.Json;
using Microsoft.Extensions.AI;
using Chorus.Journaling;

namespace Chorus.Tests.Journaling;

public class BranchFingerprintTests
{
    private static readonly Uri Endpoint = new("http://127.0.0.1:5000/v1/");

    private static ChatOptions BaseOptions() => new()
    {
        Temperature = 0.7f,
        MaxOutputTokens = 64,
        Seed = 7,
    };

    private static string Key(ChatOptions? options = null, IEnumerable<ChatMessage>? messages = null, string? model = "sim-1", Uri? endpoint = null, string? provider = "openai", string? sample = "main/0/sample-1") =>
        BranchFingerprint.Compute(endpoint ?? Endpoint, provider, model, messages ?? [new ChatMessage(ChatRole.User, "What is 2+2?")], options ?? BaseOptions(), sample);

    [Fact]
    public void Compute_KnownRequest_MatchesPinnedValue()
    {
        // Pinned: a key that changed between processes, machines or releases would make every journal miss. The value is the
        // SHA-256 of this exact document, checked independently with Python's hashlib:
        // {"v":1,"endpoint":"http://127.0.0.1:5000/v1/","provider":"openai","model":"sim-1","messages":[{"role":"user","author":null,
        // "contents":[{"text":"What is 2\u002B2?"}]}],"options":{"temperature":0.7,"top_p":null,"top_k":null,"max_output_tokens":64,"seed":7,
        // "frequency_penalty":null,"presence_penalty":null,"model_id":null,"instructions":null,"conversation_id":null,"stop":[],
        // "response_format":null,"reasoning_effort":null,"reasoning_output":null,"tool_mode":null,"multiple_tool_calls":null,"tools":[],
        // "additional":{}},"sample":"main/0/sample-1"}
        Assert.Equal("ba93957458d0162c1ac5a8600e0f2a2925d2d279d9641003de778bfeee792f52", Key());
    }

    [Fact]
    public void Compute_SameRequestBuiltTwice_SameKey()
    {
        Assert.Equal(Key(), Key());
        Assert.Matches("^[0-9a-f]{64}$", Key());
    }

    public static TheoryData<string, Func<string>> Changes() => new()
    {
        { "model", () => Key(model: "sim-2") },
        { "no model", () => Key(model: null) },
        { "endpoint", () => Key(endpoint: new Uri("http://127.0.0.1:5001/v1/")) },
        { "provider", () => Key(provider: "other") },
        { "message text", () => Key(messages: [new ChatMessage(ChatRole.User, "What is 2+3?")]) },
        { "message role", () => Key(messages: [new ChatMessage(ChatRole.System, "What is 2+2?")]) },
        { "author", () => Key(messages: [new ChatMessage(ChatRole.User, "What is 2+2?") { AuthorName = "ann" }]) },
        { "extra message", () => Key(messages: [new ChatMessage(ChatRole.System, "Be brief."), new ChatMessage(ChatRole.User, "What is 2+2?")]) },
        { "image", () => Key(messages: [new ChatMessage(ChatRole.User, [new TextContent("What is 2+2?"), new DataContent(new byte[] { 1, 2 }, "image/png")])]) },
        { "temperature", () => Key(With(o => o.Temperature = 0.8f)) },
        { "top-p", () => Key(With(o => o.TopP = 0.9f)) },
        { "top-k", () => Key(With(o => o.TopK = 40)) },
        { "max tokens", () => Key(With(o => o.MaxOutputTokens = 65)) },
        { "seed", () => Key(With(o => o.Seed = 8)) },
        { "no seed", () => Key(With(o => o.Seed = null)) },
        { "frequency penalty", () => Key(With(o => o.FrequencyPenalty = 0.1f)) },
        { "presence penalty", () => Key(With(o => o.PresencePenalty = 0.1f)) },
        { "stop", () => Key(With(o => o.StopSequences = ["\n"])) },
        { "json", () => Key(With(o => o.ResponseFormat = ChatResponseFormat.Json)) },
        { "text format", () => Key(With(o => o.ResponseFormat = ChatResponseFormat.Text)) },
        { "schema", () => Key(With(o => o.ResponseFormat = ChatResponseFormat.ForJsonSchema(JsonDocument.Parse("{\"type\":\"object\"}").RootElement, "s"))) },
        { "instructions", () => Key(With(o => o.Instructions = "Be brief.")) },
        { "model option", () => Key(With(o => o.ModelId = "sim-3")) },
        { "reasoning", () => Key(With(o => o.Reasoning = new ReasoningOptions { Effort = ReasoningEffort.High })) },
        { "tool mode", () => Key(With(o => o.ToolMode = ChatToolMode.RequireAny)) },
        { "tool", () => Key(With(o => o.Tools = [AIFunctionFactory.Create(() => 1, "one")])) },
        { "n", () => Key(With(o => o.AdditionalProperties = new() { ["n"] = 5 })) },
        { "sample index", () => Key(sample: "main/1/sample-1") },
        { "sample label", () => Key(sample: "main/0/sample-2") },
        { "sample stage", () => Key(sample: "judge/0/sample-1") },
        { "no sample", () => Key(sample: null) },
        { "no options", () => BranchFingerprint.Compute(Endpoint, "openai", "sim-1", [new ChatMessage(ChatRole.User, "What is 2+2?")], null, "main/0/sample-1") },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Compute_AnyFieldChanges_NewKey(string field, Func<string> changed)
    {
        Assert.True(changed() != Key(), $"Changing the {field} kept the key.");
    }

    [Fact]
    public void Compute_EveryChange_GivesADistinctKey()
    {
        var keys = Changes().Select(row => ((Func<string>)row[1])()).Append(Key()).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public void Compute_IntegerPropertyOfAnotherClrType_SameKey()
    {
        Assert.Equal(Key(With(o => o.AdditionalProperties = new() { ["n"] = 5 })), Key(With(o => o.AdditionalProperties = new() { ["n"] = 5L })));
    }

    [Fact]
    public void ForBranch_EqualBranchesInOnePlan_DifferOnlyBySample()
    {
        var client = new ScriptedChatClient("x");
        var a = new Branch("sample-1", client, "q", new ChatOptions { Temperature = 1 });
        var b = new Branch("sample-2", client, "q", new ChatOptions { Temperature = 1 });

        Assert.Equal(BranchFingerprint.ForBranch(a, "main", 0), BranchFingerprint.ForBranch(new Branch("sample-1", client, "q", new ChatOptions { Temperature = 1 }), "main", 0));
        Assert.NotEqual(BranchFingerprint.ForBranch(a, "main", 0), BranchFingerprint.ForBranch(b, "main", 1));
        Assert.NotEqual(BranchFingerprint.ForBranch(a, "main", 0), BranchFingerprint.ForBranch(a, "main", 1));
    }

    [Fact]
    public void ForBranch_ModelFromClientMetadata_IsPartOfTheKey()
    {
        var a = new Branch("b", new ScriptedChatClient("x") { ModelId = "m1" }, "q");
        var b = new Branch("b", new ScriptedChatClient("x") { ModelId = "m2" }, "q");

        Assert.NotEqual(BranchFingerprint.ForBranch(a, "main", 0), BranchFingerprint.ForBranch(b, "main", 0));
    }

    [Theory]
    [InlineData(0f, null, true)]
    [InlineData(0.7f, 3L, true)]
    [InlineData(0.7f, null, false)]
    [InlineData(null, null, false)]
    public void CacheKeyFor_DeterministicOnly_SameForEverySample(float? temperature, long? seed, bool deterministic)
    {
        var client = new ScriptedChatClient("x");
        var a = new Branch("sample-1", client, "q", new ChatOptions { Temperature = temperature, Seed = seed });
        var b = new Branch("sample-2", client, "q", new ChatOptions { Temperature = temperature, Seed = seed });

        Assert.Equal(deterministic, BranchFingerprint.IsDeterministic(a.Options));
        Assert.Equal(deterministic, BranchFingerprint.CacheKeyFor(a) is not null);
        Assert.Equal(BranchFingerprint.CacheKeyFor(a), BranchFingerprint.CacheKeyFor(b));
        Assert.NotEqual(BranchFingerprint.CacheKeyFor(a) ?? string.Empty, BranchFingerprint.ForBranch(a, "main", 0));
    }

    private static ChatOptions With(Action<ChatOptions> change)
    {
        ChatOptions options = BaseOptions();
        change(options);
        return options;
    }
}
