using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Chorus.OpenAI.Tests;

public class OpenAICompatibleChatClientRequestTests
{
    private static async Task<(JsonElement Body, RecordedRequest Request)> SendAsync(
        ChatOptions? options, IEnumerable<ChatMessage>? messages = null, bool streaming = false, Action<OpenAICompatibleOptions>? configure = null)
    {
        var handler = new FakeHttpHandler(() => streaming ? FakeHttpHandler.Sse(Wire.HelloStream) : FakeHttpHandler.Json(Wire.Completion));
        using OpenAICompatibleChatClient client = TestClients.Create(handler, configure: configure);
        messages ??= [new ChatMessage(ChatRole.User, "Capital of France?")];
        if (streaming)
        {
            await foreach (ChatResponseUpdate _ in client.GetStreamingResponseAsync(messages, options))
            {
            }
        }
        else
        {
            await client.GetResponseAsync(messages, options);
        }

        RecordedRequest request = Assert.Single(handler.Requests);
        return (JsonDocument.Parse(request.Body).RootElement.Clone(), request);
    }

    [Fact]
    public async Task GetResponseAsync_NoOptions_PostsModelAndMessagesToChatCompletions()
    {
        (JsonElement body, RecordedRequest request) = await SendAsync(options: null);

        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("http://127.0.0.1:8089/v1/chat/completions", request.Uri.ToString());
        Assert.Equal("sim-model", body.GetProperty("model").GetString());
        JsonElement message = Assert.Single(body.GetProperty("messages").EnumerateArray());
        Assert.Equal("user", message.GetProperty("role").GetString());
        Assert.Equal("Capital of France?", message.GetProperty("content").GetString());
        Assert.False(body.TryGetProperty("stream", out _));
        Assert.False(body.TryGetProperty("n", out _));
        Assert.False(body.TryGetProperty("temperature", out _));
    }

    [Theory]
    [InlineData("http://127.0.0.1:8089/v1/")]
    [InlineData("http://127.0.0.1:8089/v1")]
    public async Task GetResponseAsync_EndpointWithOrWithoutSlash_PostsToSinglePath(string endpoint)
    {
        (_, RecordedRequest request) = await SendAsync(null, configure: o => o.Endpoint = new Uri(endpoint));

        Assert.Equal("/v1/chat/completions", request.Uri.AbsolutePath);
    }

    [Fact]
    public async Task GetResponseAsync_AllOptions_MappedOnTheWire()
    {
        var options = new ChatOptions
        {
            ModelId = "override-model",
            Temperature = 0.7f,
            TopP = 0.9f,
            MaxOutputTokens = 256,
            Seed = 42,
            StopSequences = ["END", "STOP"],
            FrequencyPenalty = 0.5f,
            PresencePenalty = -0.25f,
            Instructions = "Be brief.",
        };

        (JsonElement body, _) = await SendAsync(options);

        Assert.Equal("override-model", body.GetProperty("model").GetString());
        Assert.Equal("0.7", body.GetProperty("temperature").GetRawText());
        Assert.Equal("0.9", body.GetProperty("top_p").GetRawText());
        Assert.Equal(256, body.GetProperty("max_completion_tokens").GetInt32());
        Assert.False(body.TryGetProperty("max_tokens", out _));
        Assert.Equal(42, body.GetProperty("seed").GetInt64());
        Assert.Equal(["END", "STOP"], body.GetProperty("stop").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("0.5", body.GetProperty("frequency_penalty").GetRawText());
        Assert.Equal("-0.25", body.GetProperty("presence_penalty").GetRawText());
        JsonElement first = body.GetProperty("messages")[0];
        Assert.Equal("system", first.GetProperty("role").GetString());
        Assert.Equal("Be brief.", first.GetProperty("content").GetString());
    }

    [Fact]
    public async Task GetResponseAsync_UseLegacyMaxTokens_SendsMaxTokens()
    {
        (JsonElement body, _) = await SendAsync(new ChatOptions { MaxOutputTokens = 64 }, configure: o => o.UseLegacyMaxTokens = true);

        Assert.Equal(64, body.GetProperty("max_tokens").GetInt32());
        Assert.False(body.TryGetProperty("max_completion_tokens", out _));
    }

    [Fact]
    public async Task GetResponseAsync_Roles_MappedInOrder()
    {
        ChatMessage[] messages =
        [
            new(ChatRole.System, "sys"),
            new(ChatRole.User, "question") { AuthorName = "alice" },
            new(ChatRole.Assistant, "answer"),
            new(ChatRole.Tool, [new FunctionResultContent("call-1", "42")]),
            new(ChatRole.Tool, "plain tool text"),
            new(new ChatRole("developer"), "dev note"),
        ];

        (JsonElement body, _) = await SendAsync(null, messages);

        JsonElement[] sent = [.. body.GetProperty("messages").EnumerateArray()];
        Assert.Equal(["system", "user", "assistant", "tool", "tool", "developer"], sent.Select(m => m.GetProperty("role").GetString()));
        Assert.Equal(["sys", "question", "answer", "42", "plain tool text", "dev note"], sent.Select(m => m.GetProperty("content").GetString()));
        Assert.Equal("alice", sent[1].GetProperty("name").GetString());
        Assert.Equal("call-1", sent[3].GetProperty("tool_call_id").GetString());
    }

    [Fact]
    public async Task GetResponseAsync_AssistantFunctionCall_SentAsToolCalls()
    {
        ChatMessage[] messages =
        [
            new(ChatRole.User, "weather?"),
            new(ChatRole.Assistant, [new FunctionCallContent("call-9", "get_weather", new Dictionary<string, object?> { ["city"] = "Oslo" })]),
            new(ChatRole.Tool, [new FunctionResultContent("call-9", "cold")]),
        ];

        (JsonElement body, _) = await SendAsync(null, messages);

        JsonElement assistant = body.GetProperty("messages")[1];
        Assert.Equal(JsonValueKind.Null, assistant.GetProperty("content").ValueKind);
        JsonElement call = Assert.Single(assistant.GetProperty("tool_calls").EnumerateArray());
        Assert.Equal("call-9", call.GetProperty("id").GetString());
        Assert.Equal("get_weather", call.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("""{"city":"Oslo"}""", call.GetProperty("function").GetProperty("arguments").GetString());
    }

    [Fact]
    public async Task GetResponseAsync_ImageContent_ThrowsNotSupportedBeforeSending()
    {
        var handler = new FakeHttpHandler(() => FakeHttpHandler.Json(Wire.Completion));
        using OpenAICompatibleChatClient client = TestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<NotSupportedException>(() => client.GetResponseAsync(
            [new ChatMessage(ChatRole.User, [new DataContent(new byte[] { 1 }, "image/png")])]));

        Assert.Contains("DataContent", ex.Message);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task GetResponseAsync_NoMessages_ThrowsArgumentException()
    {
        var handler = new FakeHttpHandler(() => FakeHttpHandler.Json(Wire.Completion));
        using OpenAICompatibleChatClient client = TestClients.Create(handler);

        await Assert.ThrowsAsync<ArgumentException>(() => client.GetResponseAsync([]));
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task GetResponseAsync_JsonSchemaFormat_SendsSchemaWithName()
    {
        JsonElement schema = JsonDocument.Parse("""{"type":"object","properties":{"verdict":{"type":"string"}}}""").RootElement;
        var options = new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "chorus_verdict", "A verdict.") };

        (JsonElement body, _) = await SendAsync(options);

        JsonElement format = body.GetProperty("response_format");
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        Assert.Equal("chorus_verdict", format.GetProperty("json_schema").GetProperty("name").GetString());
        Assert.Equal("A verdict.", format.GetProperty("json_schema").GetProperty("description").GetString());
        Assert.Equal("string", format.GetProperty("json_schema").GetProperty("schema").GetProperty("properties").GetProperty("verdict").GetProperty("type").GetString());
    }

    [Fact]
    public async Task GetResponseAsync_JsonAndTextFormats_SendType()
    {
        (JsonElement json, _) = await SendAsync(new ChatOptions { ResponseFormat = ChatResponseFormat.Json });
        (JsonElement text, _) = await SendAsync(new ChatOptions { ResponseFormat = ChatResponseFormat.Text });

        Assert.Equal("json_object", json.GetProperty("response_format").GetProperty("type").GetString());
        Assert.Equal("text", text.GetProperty("response_format").GetProperty("type").GetString());
    }

    [Fact]
    public async Task GetResponseAsync_SampleCount_SendsN()
    {
        (JsonElement body, _) = await SendAsync(new ChatOptions().WithSampleCount(5));

        Assert.Equal(5, body.GetProperty("n").GetInt32());
    }

    [Fact]
    public async Task GetStreamingResponseAsync_Always_SendsStreamAndIncludeUsage()
    {
        (JsonElement body, RecordedRequest request) = await SendAsync(null, streaming: true);

        Assert.True(body.GetProperty("stream").GetBoolean());
        Assert.True(body.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
        Assert.Equal("/v1/chat/completions", request.Uri.AbsolutePath);
    }
}
