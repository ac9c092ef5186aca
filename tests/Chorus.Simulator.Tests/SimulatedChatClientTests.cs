using System.Net;
using Chorus.TestKit;
using Microsoft.Extensions.AI;

namespace Chorus.Simulator.Tests;

public sealed class SimulatedChatClientTests
{
    private static SimulatedChatClient Client(Action<SimulatorOptions>? configure = null) => new(SimulatorHarness.FastOptions(configure));

    [Fact]
    public async Task GetResponseAsync_AnswersWithUsageAndMetadata()
    {
        using SimulatedChatClient client = Client(o => o.Accuracy = 1);

        ChatResponse response = await client.GetResponseAsync("What is 17 * 23?");

        Assert.EndsWith("The answer is 391.", response.Text, StringComparison.Ordinal);
        Assert.Equal("chorus-sim-1", response.ModelId);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(SimulatedTokenizer.Count("What is 17 * 23?") + 4, response.Usage!.InputTokenCount);
        Assert.Equal(SimulatedTokenizer.Count(response.Text), response.Usage.OutputTokenCount);
        Assert.StartsWith("chatcmpl-", response.ResponseId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_SameAnswersAsTheServerEngine()
    {
        using SimulatedChatClient client = Client(o => o.Seed = 3);
        SimulatedModel engine = EngineHarness.Create(o => o.Seed = 3);

        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(engine.Ask("What is 17 * 23?"), (await client.GetResponseAsync("What is 17 * 23?")).Text);
        }
    }

    [Fact]
    public async Task GetStreamingResponseAsync_StreamsTextThenUsage()
    {
        using SimulatedChatClient client = Client(o => o.Accuracy = 1);

        List<ChatResponseUpdate> updates = [.. await client.GetStreamingResponseAsync("What is 6 * 7?").ToListAsync()];
        ChatResponse combined = updates.ToChatResponse();

        Assert.True(updates.Count > 2);
        Assert.EndsWith("The answer is 42.", combined.Text, StringComparison.Ordinal);
        Assert.Equal(SimulatedTokenizer.Count(combined.Text), combined.Usage!.OutputTokenCount);
        Assert.Equal(ChatFinishReason.Stop, combined.FinishReason);
    }

    [Fact]
    public async Task ChatOptions_MapToTheRequest()
    {
        using SimulatedChatClient client = Client(o => o.JudgeAccuracy = 1);
        var options = new ChatOptions
        {
            MaxOutputTokens = 200,
            ResponseFormat = ChatResponseFormat.ForJsonSchema(System.Text.Json.JsonDocument.Parse("{}").RootElement, "chorus_verdict"),
        };

        ChatResponse response = await client.GetResponseAsync(
            "What is 1 + 1?\n<candidate id=\"A\">The answer is 3.</candidate><candidate id=\"B\">The answer is 2.</candidate>", options);

        Assert.Contains("\"choice\":\"B\"", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Latency_WaitsOnTheInjectedClock()
    {
        var clock = new ManualTimeProvider();
        using SimulatedChatClient client = Client(o => { o.TimeProvider = clock; o.LatencyMs = 500; });
        long armed = clock.TimersArmed;

        Task<ChatResponse> call = client.GetResponseAsync("hi");
        await clock.WaitForTimersArmedAsync(armed + 1);

        Assert.False(call.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.NotEmpty((await call.WaitAsync(TimeSpan.FromSeconds(10))).Text);
    }

    [Fact]
    public async Task Fault5xx_ThrowsHttpRequestExceptionWithStatus()
    {
        using SimulatedChatClient client = Client(o => o.Fault5xxRate = 1);

        HttpRequestException error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetResponseAsync("hi"));

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
    }

    [Theory]
    [InlineData(nameof(SimulatorOptions.FaultResetRate), HttpRequestError.ConnectionError)]
    [InlineData(nameof(SimulatorOptions.FaultMalformedRate), HttpRequestError.InvalidResponse)]
    public async Task TransportFaults_MapToHttpRequestErrors(string fault, HttpRequestError expected)
    {
        using SimulatedChatClient client = Client(o => typeof(SimulatorOptions).GetProperty(fault)!.SetValue(o, 1.0));

        HttpRequestException error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetResponseAsync("hi"));

        Assert.Equal(expected, error.HttpRequestError);
    }

    [Fact]
    public async Task FaultTruncatedStream_YieldsSomeUpdatesThenThrows()
    {
        using SimulatedChatClient client = Client(o => o.FaultTruncatedStreamRate = 1);
        var received = new List<ChatResponseUpdate>();

        HttpRequestException error = await Assert.ThrowsAsync<HttpRequestException>(async () =>
        {
            await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("Tell me about queues."))
            {
                received.Add(update);
            }
        });

        Assert.Equal(HttpRequestError.ResponseEnded, error.HttpRequestError);
        Assert.NotEmpty(received);
    }

    [Fact]
    public async Task FaultHang_EndsWhenCancelled()
    {
        using SimulatedChatClient client = Client(o => o.FaultHangRate = 1);
        using var cts = new CancellationTokenSource();

        Task<ChatResponse> call = client.GetResponseAsync("hi", cancellationToken: cts.Token);
        Assert.False(call.IsCompleted);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task FaultMissingUsageAndEmptyChoices_ShapeTheResponse()
    {
        using SimulatedChatClient noUsage = Client(o => o.FaultMissingUsageRate = 1);
        using SimulatedChatClient noChoices = Client(o => o.FaultEmptyChoicesRate = 1);

        Assert.Null((await noUsage.GetResponseAsync("hi")).Usage);
        Assert.Empty((await noChoices.GetResponseAsync("hi")).Messages);
    }

    [Fact]
    public void GetService_ReturnsMetadataAndSelf()
    {
        using SimulatedChatClient client = Client(o => o.Model = "m1");

        Assert.Equal("m1", client.GetService<ChatClientMetadata>()!.DefaultModelId);
        Assert.Equal("chorus-simulator", client.GetService<ChatClientMetadata>()!.ProviderName);
        Assert.Same(client, client.GetService<SimulatedChatClient>());
        Assert.Null(client.GetService<ChatClientMetadata>("key"));
    }
}
