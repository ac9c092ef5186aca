using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Chorus.Simulator.Tests;

public sealed class SimulatorServerTests
{
    [Fact]
    public async Task StartAsync_PortZero_BindsLoopbackWithV1BaseUri()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync();

        Assert.Equal("127.0.0.1", sim.Server.BaseUri.Host);
        Assert.Equal("/v1/", sim.Server.BaseUri.AbsolutePath);
        Assert.True(sim.Server.Port > 0);
    }

    [Fact]
    public async Task ChatCompletions_Json_HasOpenAIShape()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync();

        JsonObject completion = await sim.CompleteAsync(SimulatorHarness.Request("Tell me about caching."));

        Assert.StartsWith("chatcmpl-", (string)completion["id"]!, StringComparison.Ordinal);
        Assert.Equal("chat.completion", (string)completion["object"]!);
        Assert.True((long)completion["created"]! > 0);
        Assert.Equal("chorus-sim-1", (string)completion["model"]!);
        JsonObject choice = completion["choices"]!.AsArray().Single()!.AsObject();
        Assert.Equal(0, (int)choice["index"]!);
        Assert.Equal("assistant", (string)choice["message"]!["role"]!);
        Assert.False(string.IsNullOrWhiteSpace((string)choice["message"]!["content"]!));
        Assert.Equal("stop", (string)choice["finish_reason"]!);
        JsonObject usage = completion["usage"]!.AsObject();
        int prompt = (int)usage["prompt_tokens"]!;
        int output = (int)usage["completion_tokens"]!;
        Assert.Equal(SimulatedTokenizer.Count("Tell me about caching.") + 4, prompt);
        Assert.Equal(SimulatedTokenizer.Count((string)choice["message"]!["content"]!), output);
        Assert.Equal(prompt + output, (int)usage["total_tokens"]!);
    }

    [Fact]
    public async Task ChatCompletions_NGreaterThanOne_ChargesPromptOnceAndSumsCompletions()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync();

        JsonObject completion = await sim.CompleteAsync(SimulatorHarness.Request("What is 17 * 23?", b => b["n"] = 3));

        JsonArray choices = completion["choices"]!.AsArray();
        Assert.Equal([0, 1, 2], choices.Select(c => (int)c!["index"]!));
        int sum = choices.Sum(c => SimulatedTokenizer.Count((string)c!["message"]!["content"]!));
        Assert.Equal(sum, (int)completion["usage"]!["completion_tokens"]!);
        Assert.Equal(SimulatedTokenizer.Count("What is 17 * 23?") + 4, (int)completion["usage"]!["prompt_tokens"]!);
    }

    [Theory]
    [InlineData("max_tokens")]
    [InlineData("max_completion_tokens")]
    public async Task ChatCompletions_MaxTokens_CutsAnswerWithLengthFinish(string field)
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync();

        JsonObject completion = await sim.CompleteAsync(SimulatorHarness.Request("Write an essay.", b => b[field] = 5));

        Assert.Equal("length", (string)completion["choices"]![0]!["finish_reason"]!);
        Assert.Equal(5, (int)completion["usage"]!["completion_tokens"]!);
        Assert.Equal(20, ((string)completion["choices"]![0]!["message"]!["content"]!).Length);
    }

    [Fact]
    public async Task ChatCompletions_Stream_SendsOpenAIChunksUsageAndDone()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync();
        JsonObject body = SimulatorHarness.Request("What is 6 * 7?", b =>
        {
            b["stream"] = true;
            b["stream_options"] = new JsonObject { ["include_usage"] = true };
        });

        using HttpResponseMessage response = await sim.PostAsync(body);
        List<string> events = SimulatorHarness.ReadEvents(await response.Content.ReadAsStringAsync());

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("[DONE]", events[^1]);
        JsonObject[] chunks = [.. events[..^1].Select(e => JsonNode.Parse(e)!.AsObject())];
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", (string)c["object"]!));
        Assert.Single(chunks.Select(c => (string)c["id"]!).Distinct());
        Assert.Equal("assistant", (string)chunks[0]["choices"]![0]!["delta"]!["role"]!);
        Assert.All(chunks[..^1], c => Assert.True(c.ContainsKey("usage") && c["usage"] is null));
        JsonObject finish = chunks[^2];
        Assert.Equal("stop", (string)finish["choices"]![0]!["finish_reason"]!);
        Assert.Empty(finish["choices"]![0]!["delta"]!.AsObject());
        JsonObject usageChunk = chunks[^1];
        Assert.Empty(usageChunk["choices"]!.AsArray());
        string text = string.Concat(chunks.SelectMany(c => c["choices"]!.AsArray()).Select(c => (string?)c!["delta"]!["content"]));
        Assert.Contains("The answer is", text, StringComparison.Ordinal);
        Assert.Equal(SimulatedTokenizer.Count(text), (int)usageChunk["usage"]!["completion_tokens"]!);
        Assert.Equal(SimulatedTokenizer.Count("What is 6 * 7?") + 4, (int)usageChunk["usage"]!["prompt_tokens"]!);
    }

    [Fact]
    public async Task ChatCompletions_StreamWithoutIncludeUsage_HasNoUsageField()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync();

        using HttpResponseMessage response = await sim.PostAsync(SimulatorHarness.Request("Hello", b => b["stream"] = true));
        List<string> events = SimulatorHarness.ReadEvents(await response.Content.ReadAsStringAsync());

        Assert.Equal("[DONE]", events[^1]);
        Assert.All(events[..^1], e => Assert.False(JsonNode.Parse(e)!.AsObject().ContainsKey("usage")));
        Assert.NotNull(JsonNode.Parse(events[^2])!["choices"]![0]!["finish_reason"]);
    }

    [Fact]
    public async Task ChatCompletions_StreamWithN_SendsOneChoicePerChunk()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync();

        using HttpResponseMessage response = await sim.PostAsync(SimulatorHarness.Request("What is 2 + 2?", b => { b["stream"] = true; b["n"] = 2; }));
        List<string> events = SimulatorHarness.ReadEvents(await response.Content.ReadAsStringAsync());

        // As OpenAI, every chunk carries exactly one choice, except the usage chunk (none here).
        Assert.All(events[..^1], e => Assert.Single(JsonNode.Parse(e)!["choices"]!.AsArray()));
        JsonNode[] choices = [.. events[..^1].SelectMany(e => JsonNode.Parse(e)!["choices"]!.AsArray())!];
        Assert.Equal(2, choices.Count(c => c!["finish_reason"] is not null));
        foreach (int index in new[] { 0, 1 })
        {
            string text = string.Concat(choices.Where(c => (int)c!["index"]! == index).Select(c => (string?)c!["delta"]!["content"]));
            Assert.Contains("The answer is", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Models_ListsConfiguredModel()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o => o.Model = "sim-x");

        using JsonDocument models = await sim.GetJsonAsync("models");

        Assert.Equal("list", models.RootElement.GetProperty("object").GetString());
        JsonElement model = Assert.Single(models.RootElement.GetProperty("data").EnumerateArray());
        Assert.Equal("sim-x", model.GetProperty("id").GetString());
        Assert.Equal("model", model.GetProperty("object").GetString());
        Assert.Equal("chorus", model.GetProperty("owned_by").GetString());
    }

    [Fact]
    public async Task Stats_CountsRequestsAndTokens_ResetClearsThem()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync();
        JsonObject completion = await sim.CompleteAsync(SimulatorHarness.Request("What is 1 + 1?"));
        await sim.CompleteAsync(SimulatorHarness.Request("What is 1 + 1?"));

        using (JsonDocument stats = await sim.GetJsonAsync("/stats"))
        {
            JsonElement root = stats.RootElement;
            Assert.Equal(2, root.GetProperty("requests").GetInt64());
            Assert.Equal(2, root.GetProperty("succeeded").GetInt64());
            Assert.Equal(0, root.GetProperty("rate_limited").GetInt64());
            Assert.Equal(2 * (int)completion["usage"]!["prompt_tokens"]!, root.GetProperty("prompt_tokens").GetInt64());
            Assert.Equal(2, root.GetProperty("question_requests").GetProperty("What is 1 + 1?").GetInt64());
        }

        using HttpResponseMessage reset = await sim.Http.PostAsync(new Uri(sim.Server.BaseUri, "/stats/reset"), null);
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        SimulatorStats after = sim.Server.GetStats();
        Assert.Equal(0, after.Requests);
        Assert.Empty(after.QuestionRequests);
    }

    [Theory]
    [InlineData("{not json", null)]
    [InlineData("""{"model":"m","messages":[]}""", "messages")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"hi"}],"n":0}""", "n")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"hi"}],"max_tokens":0}""", "max_tokens")]
    public async Task ChatCompletions_InvalidRequest_Returns400WithOpenAIError(string body, string? param)
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync();

        using HttpResponseMessage response = await sim.Http.PostAsync("chat/completions", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        using JsonDocument error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request_error", error.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(param, error.RootElement.GetProperty("error").GetProperty("param").GetString());
        Assert.Equal(1, sim.Server.GetStats().BadRequests);
    }

    [Fact]
    public async Task ChatCompletions_ContentParts_AreReadAsText()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o => o.Accuracy = 1);
        JsonObject body = SimulatorHarness.Request("ignored", b => b["messages"] = JsonNode.Parse("""[{"role":"user","content":[{"type":"text","text":"What is 3 * 3?"}]}]"""));

        JsonObject completion = await sim.CompleteAsync(body);

        Assert.EndsWith("The answer is 9.", (string)completion["choices"]![0]!["message"]!["content"]!, StringComparison.Ordinal);
    }
}
