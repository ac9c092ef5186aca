using Microsoft.Extensions.AI;
using Chorus.Providers;

namespace Chorus.OpenAI.Tests;

public class OpenAICompatibleChatClientResponseTests
{
    private static readonly (string, string)[] RateLimitHeaders =
    [
        ("x-ratelimit-limit-requests", "60"),
        ("x-ratelimit-remaining-requests", "59"),
        ("x-ratelimit-reset-requests", "1s"),
        ("x-ratelimit-limit-tokens", "150000"),
        ("x-ratelimit-remaining-tokens", "149985"),
        ("x-ratelimit-reset-tokens", "6m0s"),
        ("x-request-id", "req-123"),
    ];

    private static readonly ProviderResponseInfo ExpectedInfo = new(
        200, "req-123", new RateLimitSignals(60, 59, TimeSpan.FromSeconds(1), 150000, 149985, TimeSpan.FromMinutes(6)));

    [Fact]
    public async Task GetResponseAsync_Completion_MapsTextIdsUsageAndFinish()
    {
        var handler = new FakeHttpHandler(() => FakeHttpHandler.Json(Wire.Completion, headers: RateLimitHeaders));
        using OpenAICompatibleChatClient client = TestClients.Create(handler);

        ChatResponse response = await client.GetResponseAsync("Capital of France?");

        Assert.Equal("Paris", response.Text);
        Assert.Equal("chatcmpl-1", response.ResponseId);
        Assert.Equal("sim-model-2026", response.ModelId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1767225600), response.CreatedAt);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        ChatMessage message = Assert.Single(response.Messages);
        Assert.Equal(ChatRole.Assistant, message.Role);
        Assert.Equal(0, message.GetChoiceIndex());
        Assert.NotNull(response.Usage);
        Assert.Equal(12, response.Usage.InputTokenCount);
        Assert.Equal(3, response.Usage.OutputTokenCount);
        Assert.Equal(15, response.Usage.TotalTokenCount);
        Assert.Equal(4, response.Usage.CachedInputTokenCount);
        Assert.Equal(1, response.Usage.ReasoningTokenCount);
        Assert.Equal(ExpectedInfo, response.AdditionalProperties?[ProviderResponseInfo.AdditionalPropertiesKey]);
    }

    [Fact]
    public async Task GetResponseAsync_NoUsage_UsageIsNullNotAnError()
    {
        var handler = new FakeHttpHandler(() => FakeHttpHandler.Json(Wire.NoUsage));
        using OpenAICompatibleChatClient client = TestClients.Create(handler);

        ChatResponse response = await client.GetResponseAsync("hi");

        Assert.Equal("hi", response.Text);
        Assert.Null(response.Usage);
    }

    [Theory]
    [InlineData("\"prompt_tokens\":-12,\"completion_tokens\":3")]
    [InlineData("\"prompt_tokens\":12,\"completion_tokens\":-3")]
    [InlineData("\"prompt_tokens\":\"12\",\"completion_tokens\":3")]
    [InlineData("\"prompt_tokens\":12,\"completion_tokens\":\"many\"")]
    [InlineData("\"prompt_tokens\":12")]
    [InlineData("\"completion_tokens\":3")]
    [InlineData("\"prompt_tokens\":12.5,\"completion_tokens\":3")]
    public async Task GetResponseAsync_BadUsage_UsageIsUnknownNotTrusted(string counts)
    {
        // Issue 12, item 7: a negative, string, fractional or missing count makes the whole usage unknown (null), never 0.
        string body = Wire.NoUsage.Replace("\"finish_reason\":\"stop\"}]}", "\"finish_reason\":\"stop\"}],\"usage\":{" + counts + "}}", StringComparison.Ordinal);
        var handler = new FakeHttpHandler(() => FakeHttpHandler.Json(body));
        using OpenAICompatibleChatClient client = TestClients.Create(handler);

        ChatResponse response = await client.GetResponseAsync("hi");

        Assert.Equal("hi", response.Text);
        Assert.Null(response.Usage);
    }

    [Fact]
    public async Task GetResponseAsync_NoHeaders_InfoHasEmptySignals()
    {
        var handler = new FakeHttpHandler(() => FakeHttpHandler.Json(Wire.Completion));
        using OpenAICompatibleChatClient client = TestClients.Create(handler);

        ChatResponse response = await client.GetResponseAsync("hi");

        var info = Assert.IsType<ProviderResponseInfo>(response.AdditionalProperties?[ProviderResponseInfo.AdditionalPropertiesKey]);
        Assert.Equal(200, info.StatusCode);
        Assert.Null(info.RequestId);
        Assert.True(info.RateLimits.IsEmpty);
    }

    [Theory]
    [InlineData("stop", "stop")]
    [InlineData("length", "length")]
    [InlineData("content_filter", "content_filter")]
    [InlineData("tool_calls", "tool_calls")]
    [InlineData("function_call", "tool_calls")]
    [InlineData("eos", "eos")]
    public async Task GetResponseAsync_FinishReason_Mapped(string wire, string expected)
    {
        string body = Wire.NoUsage.Replace("\"finish_reason\":\"stop\"", $"\"finish_reason\":\"{wire}\"", StringComparison.Ordinal);
        var handler = new FakeHttpHandler(() => FakeHttpHandler.Json(body));
        using OpenAICompatibleChatClient client = TestClients.Create(handler);

        ChatResponse response = await client.GetResponseAsync("hi");

        Assert.Equal(new ChatFinishReason(expected), response.FinishReason);
    }

    [Fact]
    public async Task GetResponseAsync_NullFinishReason_IsNull()
    {
        string body = Wire.NoUsage.Replace("\"finish_reason\":\"stop\"", "\"finish_reason\":null", StringComparison.Ordinal);
        var handler = new FakeHttpHandler(() => FakeHttpHandler.Json(body));
        using OpenAICompatibleChatClient client = TestClients.Create(handler);

        Assert.Null((await client.GetResponseAsync("hi")).FinishReason);
    }

    [Fact]
    public async Task GetResponseAsync_ThreeChoices_OneMessagePerChoiceInIndexOrderUsageOnce()
    {
        var handler = new FakeHttpHandler(() => FakeHttpHandler.Json(Wire.ThreeChoices));
        using OpenAICompatibleChatClient client = TestClients.Create(handler);

        ChatResponse response = await client.GetResponseAsync("vote", new ChatOptions().WithSampleCount(3));

        IReadOnlyList<ChatMessage> samples = response.GetSamples();
        Assert.Equal(["A", "B", "C"], samples.Select(m => m.Text));
        Assert.Equal([0, 1, 2], samples.Select(m => m.GetChoiceIndex()));
        Assert.Equal(ChatFinishReason.Length, samples[2].AdditionalProperties?[ChatSampleExtensions.ChoiceFinishReasonKey]);
        Assert.Equal(["chatcmpl-3", "chatcmpl-3#1", "chatcmpl-3#2"], samples.Select(m => m.MessageId));
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(19, response.Usage?.TotalTokenCount);
    }

    [Fact]
    public async Task GetResponseAsync_ContentParts_Joined()
    {
        const string body = """
            {"id":"x","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]},"finish_reason":"stop"}]}
            """;
        var handler = new FakeHttpHandler(() => FakeHttpHandler.Json(body));
        using OpenAICompatibleChatClient client = TestClients.Create(handler);

        Assert.Equal("ab", (await client.GetResponseAsync("hi")).Text);
    }

    [Fact]
    public async Task GetResponseAsync_ToolCalls_MappedToFunctionCallContent()
    {
        const string body = """
            {"id":"x","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":null,
              "tool_calls":[{"id":"call-1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Oslo\"}"}}]},"finish_reason":"tool_calls"}]}
            """;
        var handler = new FakeHttpHandler(() => FakeHttpHandler.Json(body));
        using OpenAICompatibleChatClient client = TestClients.Create(handler);

        ChatResponse response = await client.GetResponseAsync("hi");

        var call = Assert.IsType<FunctionCallContent>(Assert.Single(response.Messages[0].Contents));
        Assert.Equal("call-1", call.CallId);
        Assert.Equal("get_weather", call.Name);
        Assert.Equal("Oslo", call.Arguments?["city"]?.ToString());
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_Stream_TextUsageAndInfoOnFinalUpdate()
    {
        var handler = new FakeHttpHandler(() => FakeHttpHandler.Sse(Wire.HelloStream, headers: RateLimitHeaders));
        using OpenAICompatibleChatClient client = TestClients.Create(handler);

        List<ChatResponseUpdate> updates = [];
        await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("hi"))
        {
            updates.Add(update);
        }

        Assert.Equal("Hello", string.Concat(updates.Select(u => u.Text)));
        ChatResponseUpdate final = updates[^1];
        Assert.Equal(ExpectedInfo, final.AdditionalProperties?[ProviderResponseInfo.AdditionalPropertiesKey]);
        var usage = Assert.IsType<UsageContent>(Assert.Single(final.Contents));
        Assert.Equal(7, usage.Details.InputTokenCount);
        Assert.Equal(2, usage.Details.OutputTokenCount);
        Assert.Equal(9, usage.Details.TotalTokenCount);
        Assert.All(updates.SkipLast(1), u => Assert.False(u.AdditionalProperties?.ContainsKey(ProviderResponseInfo.AdditionalPropertiesKey) ?? false));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ToChatResponse_SameShapeAsNonStreaming()
    {
        var handler = new FakeHttpHandler(() => FakeHttpHandler.Sse(Wire.HelloStream, headers: RateLimitHeaders));
        using OpenAICompatibleChatClient client = TestClients.Create(handler);

        ChatResponse response = await client.GetStreamingResponseAsync("hi").ToChatResponseAsync();

        Assert.Equal("Hello", response.Text);
        Assert.Single(response.Messages);
        Assert.Equal("chatcmpl-s", response.ResponseId);
        Assert.Equal("m", response.ModelId);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(9, response.Usage?.TotalTokenCount);
        Assert.Equal(ExpectedInfo, response.AdditionalProperties?[ProviderResponseInfo.AdditionalPropertiesKey]);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_NoUsageChunk_NoUsageNotAnError()
    {
        var handler = new FakeHttpHandler(() => FakeHttpHandler.Sse([Wire.Chunk("ok"), Wire.Chunk("", "stop")]));
        using OpenAICompatibleChatClient client = TestClients.Create(handler);

        ChatResponse response = await client.GetStreamingResponseAsync("hi").ToChatResponseAsync();

        Assert.Equal("ok", response.Text);
        Assert.Null(response.Usage);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_TwoInterleavedChoices_TaggedAndSeparable()
    {
        string[] chunks = [Wire.Chunk("A", index: 0), Wire.Chunk("B", index: 1), Wire.Chunk("a", "stop", 0), Wire.Chunk("b", "length", 1), Wire.UsageChunk];
        var handler = new FakeHttpHandler(() => FakeHttpHandler.Sse(chunks));
        using OpenAICompatibleChatClient client = TestClients.Create(handler);

        List<ChatResponseUpdate> updates = [];
        await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("hi", new ChatOptions().WithSampleCount(2)))
        {
            updates.Add(update);
        }

        string TextOf(int index) => string.Concat(updates
            .Where(u => u.AdditionalProperties?.TryGetValue(ChatSampleExtensions.ChoiceIndexKey, out object? i) == true && (int)i! == index)
            .Select(u => u.Text));
        Assert.Equal("Aa", TextOf(0));
        Assert.Equal("Bb", TextOf(1));
        Assert.Equal(["chatcmpl-s", "chatcmpl-s#1"], updates.Take(2).Select(u => u.MessageId));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_StopReadingEarly_DoesNotThrow()
    {
        var handler = new FakeHttpHandler(() => FakeHttpHandler.Sse(Wire.HelloStream));
        using OpenAICompatibleChatClient client = TestClients.Create(handler);

        await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("hi"))
        {
            Assert.Equal("Hel", update.Text);
            break;
        }
    }
}
