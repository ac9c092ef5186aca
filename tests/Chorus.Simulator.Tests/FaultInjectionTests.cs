using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Chorus.Simulator.Tests;

public sealed class FaultInjectionTests
{
    private static JsonObject StreamRequest(string text = "What is 5 * 5?") => SimulatorHarness.Request(text, b =>
    {
        b["stream"] = true;
        b["stream_options"] = new JsonObject { ["include_usage"] = true };
    });

    [Fact]
    public async Task Fault5xx_Returns500WithOpenAIErrorBody()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o => o.Fault5xxRate = 1);

        using HttpResponseMessage response = await sim.PostAsync(SimulatorHarness.Request("hi"));
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("server_error", body.RootElement.GetProperty("error").GetProperty("type").GetString());
        SimulatorStats stats = sim.Server.GetStats();
        Assert.Equal(1, stats.ServerErrors);
        Assert.Equal(0, stats.Succeeded);
        Assert.Equal(0, stats.PromptTokens);
    }

    [Fact]
    public async Task FaultHang_NeverAnswers_EndsWhenTheClientCancels()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o => o.FaultHangRate = 1);
        using var cts = new CancellationTokenSource();

        Task<HttpResponseMessage> call = sim.PostAsync(SimulatorHarness.Request("hi"), cts.Token);
        await sim.Server.WaitForHangsAsync(1).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(call.IsCompleted);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, sim.Server.GetStats().Hangs);
    }

    [Fact]
    public async Task FaultHang_ServerDisposal_DropsHungRequestsPromptly()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o => o.FaultHangRate = 1);
        Task<HttpResponseMessage> first = sim.PostAsync(SimulatorHarness.Request("hi"));
        Task<HttpResponseMessage> second = sim.PostAsync(StreamRequest());
        await sim.Server.WaitForHangsAsync(2).WaitAsync(TimeSpan.FromSeconds(10));

        await sim.Server.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => first.WaitAsync(TimeSpan.FromSeconds(10)));
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => second.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task FaultReset_AbortsTheConnection()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o => o.FaultResetRate = 1);

        await Assert.ThrowsAsync<HttpRequestException>(() => sim.PostAsync(SimulatorHarness.Request("hi")));

        Assert.Equal(1, sim.Server.GetStats().Resets);
    }

    [Fact]
    public async Task FaultMalformed_Returns200WithInvalidJson()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o => o.FaultMalformedRate = 1);

        using HttpResponseMessage response = await sim.PostAsync(SimulatorHarness.Request("hi"));
        string body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
        Assert.Equal(1, sim.Server.GetStats().Malformed);
    }

    [Fact]
    public async Task FaultMalformed_Stream_HasAnEventThatIsNotJson()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o => o.FaultMalformedRate = 1);

        using HttpResponseMessage response = await sim.PostAsync(StreamRequest());
        List<string> events = SimulatorHarness.ReadEvents(await response.Content.ReadAsStringAsync());

        Assert.Contains(events[..^1], e => !IsJson(e));
    }

    [Fact]
    public async Task FaultTruncatedStream_StopsHalfWayWithoutDone()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o => o.FaultTruncatedStreamRate = 1);

        using HttpResponseMessage response = await sim.PostAsync(StreamRequest());
        List<string> events = SimulatorHarness.ReadEvents(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual("[DONE]", events[^1]);
        Assert.All(events, e => Assert.True(IsJson(e)));
        Assert.DoesNotContain(events, e => JsonNode.Parse(e)!["choices"]!.AsArray().Any(c => c!["finish_reason"] is not null));
        Assert.Equal(1, sim.Server.GetStats().TruncatedStreams);
    }

    [Fact]
    public async Task FaultTruncatedStream_NonStreamingRequest_IsAnsweredNormally()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o => o.FaultTruncatedStreamRate = 1);

        JsonObject completion = await sim.CompleteAsync(SimulatorHarness.Request("hi"));

        Assert.NotNull(completion["usage"]);
        Assert.Equal(0, sim.Server.GetStats().TruncatedStreams);
        Assert.Equal(1, sim.Server.GetStats().Succeeded);
    }

    [Fact]
    public async Task FaultMissingUsage_OmitsUsage()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o => o.FaultMissingUsageRate = 1);

        JsonObject completion = await sim.CompleteAsync(SimulatorHarness.Request("hi"));
        using HttpResponseMessage stream = await sim.PostAsync(StreamRequest());
        List<string> events = SimulatorHarness.ReadEvents(await stream.Content.ReadAsStringAsync());

        Assert.False(completion.ContainsKey("usage"));
        Assert.NotEmpty(completion["choices"]!.AsArray());
        Assert.Equal("[DONE]", events[^1]);
        Assert.All(events[..^1], e => Assert.Null(JsonNode.Parse(e)!["usage"]));
        Assert.Equal(2, sim.Server.GetStats().MissingUsage);
    }

    [Fact]
    public async Task FaultEmptyChoices_SendsNoChoices()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o => o.FaultEmptyChoicesRate = 1);

        JsonObject completion = await sim.CompleteAsync(SimulatorHarness.Request("hi"));
        using HttpResponseMessage stream = await sim.PostAsync(StreamRequest());
        List<string> events = SimulatorHarness.ReadEvents(await stream.Content.ReadAsStringAsync());

        Assert.Empty(completion["choices"]!.AsArray());
        Assert.NotNull(completion["usage"]);
        Assert.Equal("[DONE]", events[^1]);
        Assert.All(events[..^1], e => Assert.Empty(JsonNode.Parse(e)!["choices"]!.AsArray()));
        Assert.Equal(2, sim.Server.GetStats().EmptyChoices);
    }

    [Fact]
    public async Task FaultRates_AreExclusive_AndSplitRequestsRoughlyByRate()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o =>
        {
            o.Fault5xxRate = 0.25;
            o.FaultMissingUsageRate = 0.25;
        });

        for (int i = 0; i < 200; i++)
        {
            using HttpResponseMessage _ = await sim.PostAsync(SimulatorHarness.Request("hi"));
        }

        // Seeded, so the split is fixed; with p = 0.25 and 200 requests, 4 standard deviations is about ±25.
        SimulatorStats stats = sim.Server.GetStats();
        Assert.Equal(200, stats.ServerErrors + stats.MissingUsage + stats.Succeeded);
        Assert.InRange(stats.ServerErrors, 25, 75);
        Assert.InRange(stats.MissingUsage, 25, 75);
    }

    [Fact]
    public async Task StartAsync_FaultRatesAboveOne_Throws()
    {
        var options = new SimulatorOptions { Fault5xxRate = 0.6, FaultHangRate = 0.6 };

        ArgumentException error = await Assert.ThrowsAsync<ArgumentException>(() => SimulatorServer.StartAsync(options));

        Assert.StartsWith("The fault rates of SimulatorOptions are exclusive and must sum to at most 1, was 1.2.", error.Message, StringComparison.Ordinal);
    }

    private static bool IsJson(string text)
    {
        try
        {
            using JsonDocument _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
