using System.Text.Json;
using Chorus.Simulator;
using Chorus.TestKit;
using Microsoft.Extensions.AI;
using Chorus.Providers;

namespace Chorus.OpenAI.Tests.Integration;

public class SimulatorIntegrationTests
{
    public static TheoryData<string, bool> FaultProfiles()
    {
        var data = new TheoryData<string, bool>();
        foreach (string fault in new[] { "none", "5xx", "hang", "reset", "malformed", "truncated", "missing-usage", "empty-choices" })
        {
            data.Add(fault, false);
            data.Add(fault, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FaultProfiles))]
    public async Task Call_FaultProfile_MappedToOutcome(string fault, bool streaming)
    {
        await using SimulatorFixture sim = await SimulatorFixture.StartAsync(
            o =>
            {
                switch (fault)
                {
                    case "5xx": o.Fault5xxRate = 1; break;
                    case "hang": o.FaultHangRate = 1; break;
                    case "reset": o.FaultResetRate = 1; break;
                    case "malformed": o.FaultMalformedRate = 1; break;
                    case "truncated": o.FaultTruncatedStreamRate = 1; break;
                    case "missing-usage": o.FaultMissingUsageRate = 1; break;
                    case "empty-choices": o.FaultEmptyChoicesRate = 1; break;
                }
            },
            networkTimeout: fault == "hang" ? TimeSpan.FromSeconds(1) : null);

        Task<ChatResponse> call = StreamingMode.CallAsync(sim.Client, streaming, new ChatOptions { MaxOutputTokens = 40 });
        (ProviderErrorKind? expectedKind, string? expectedText) = (fault, streaming) switch
        {
            ("5xx", _) => (ProviderErrorKind.ServerError, "HTTP 500"),
            ("hang", _) => (ProviderErrorKind.Timeout, "network timeout"),
            ("reset", _) => (ProviderErrorKind.ConnectionFailed, "could not be reached or dropped the connection"),
            ("malformed", false) => (ProviderErrorKind.MalformedResponse, "not valid JSON"),
            ("malformed", true) => (ProviderErrorKind.MalformedResponse, "is not valid JSON"),
            ("truncated", true) => (ProviderErrorKind.MalformedResponse, "truncated"),
            ("empty-choices", false) => (ProviderErrorKind.MalformedResponse, "'choices' array is empty"),
            ("empty-choices", true) => (ProviderErrorKind.MalformedResponse, "without any choice"),
            _ => ((ProviderErrorKind?)null, (string?)null),
        };

        if (expectedKind is { } kind)
        {
            var ex = await Assert.ThrowsAsync<ChatProviderException>(() => call).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(kind, ex.Kind);
            Assert.Contains(expectedText!, ex.Message);
        }
        else
        {
            ChatResponse response = await call.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.False(string.IsNullOrEmpty(response.Text));
            Assert.NotNull(response.FinishReason);
            Assert.IsType<ProviderResponseInfo>(response.AdditionalProperties?[ProviderResponseInfo.AdditionalPropertiesKey]);
            if (fault == "missing-usage")
            {
                Assert.Null(response.Usage);
            }
            else
            {
                SimulatorStats stats = sim.Server.GetStats();
                Assert.Equal(stats.PromptTokens, response.Usage?.InputTokenCount);
                Assert.Equal(stats.CompletionTokens, response.Usage?.OutputTokenCount);
                Assert.Equal(stats.PromptTokens + stats.CompletionTokens, response.Usage?.TotalTokenCount);
            }
        }

        Assert.Equal(1, sim.Counter.Sent); // no hidden SDK retries, whatever the fault
        if (fault != "hang")
        {
            // Under a loaded test run the client may give up on a hang before the server has counted the request.
            Assert.Equal(1, sim.Server.GetStats().Requests);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_RpmLimit_HeadersParsedExactlyAndThirdRequestRateLimitedWithRetryAfter(bool streaming)
    {
        // A manual clock: budgets never refill during the test, so every header value is exact.
        await using SimulatorFixture sim = await SimulatorFixture.StartAsync(o =>
        {
            o.RequestsPerMinute = 2;
            o.TokensPerMinute = 100_000;
            o.TimeProvider = new ManualTimeProvider();
        });

        ChatResponse first = await StreamingMode.CallAsync(sim.Client, streaming, new ChatOptions { MaxOutputTokens = 40 });
        ChatResponse second = await StreamingMode.CallAsync(sim.Client, streaming, new ChatOptions { MaxOutputTokens = 40 });
        var ex = await Assert.ThrowsAsync<ChatProviderException>(() => StreamingMode.CallAsync(sim.Client, streaming, new ChatOptions { MaxOutputTokens = 40 }));

        var info1 = (ProviderResponseInfo)first.AdditionalProperties![ProviderResponseInfo.AdditionalPropertiesKey]!;
        var info2 = (ProviderResponseInfo)second.AdditionalProperties![ProviderResponseInfo.AdditionalPropertiesKey]!;
        Assert.Equal(200, info1.StatusCode);
        Assert.StartsWith("req_", info1.RequestId);
        Assert.Equal(2, info1.RateLimits.LimitRequests);
        Assert.Equal(1, info1.RateLimits.RemainingRequests);
        Assert.Equal(0, info2.RateLimits.RemainingRequests);
        Assert.Equal(TimeSpan.FromSeconds(30), info1.RateLimits.ResetRequests);   // one request back at 2/min
        Assert.Equal(TimeSpan.FromMinutes(1), info2.RateLimits.ResetRequests);
        Assert.Equal(100_000, info1.RateLimits.LimitTokens);
        Assert.Null(info1.RateLimits.RetryAfter);

        Assert.Equal(ProviderErrorKind.RateLimited, ex.Kind);
        Assert.Equal(429, ex.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), ex.RetryAfter);
        Assert.Equal(0, ex.RateLimits.RemainingRequests);
        Assert.Equal(3, sim.Counter.Sent);
        Assert.Equal(1, sim.Server.GetStats().RateLimited);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_CallerCancelsDuringHang_OperationCanceledNotWrapped(bool streaming)
    {
        await using SimulatorFixture sim = await SimulatorFixture.StartAsync(o => o.FaultHangRate = 1);
        using var cts = new CancellationTokenSource();

        Task<ChatResponse> call = StreamingMode.CallAsync(sim.Client, streaming, cancellationToken: cts.Token);
        await SimulatorFixture.WaitUntilAsync(() => sim.Server.GetStats().Hangs >= 1);
        Assert.False(call.IsCompleted);
        await cts.CancelAsync();

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.IsNotType<ChatProviderException>(ex);
        Assert.Equal(cts.Token, ex.CancellationToken);
    }

    [Fact]
    public async Task GetResponseAsync_SampleCountFive_FiveSamplesOnePromptCharge()
    {
        await using SimulatorFixture sim = await SimulatorFixture.StartAsync();

        ChatResponse response = await sim.Client.GetResponseAsync("What is 6 * 7?", new ChatOptions { Temperature = 1f, Seed = 7 }.WithSampleCount(5));

        IReadOnlyList<ChatMessage> samples = response.GetSamples();
        Assert.Equal(5, samples.Count);
        Assert.Equal([0, 1, 2, 3, 4], samples.Select(s => s.GetChoiceIndex()));
        Assert.All(samples, s => Assert.False(string.IsNullOrEmpty(s.Text)));
        SimulatorStats stats = sim.Server.GetStats();
        Assert.Equal(1, stats.Requests);
        Assert.Equal(stats.PromptTokens, response.Usage?.InputTokenCount);
        Assert.Equal(stats.CompletionTokens, response.Usage?.OutputTokenCount);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_SampleCountThree_EveryChoiceFinishes()
    {
        await using SimulatorFixture sim = await SimulatorFixture.StartAsync();

        List<ChatResponseUpdate> updates = [];
        await foreach (ChatResponseUpdate update in sim.Client.GetStreamingResponseAsync("What is 6 * 7?", new ChatOptions().WithSampleCount(3)))
        {
            updates.Add(update);
        }

        int[] finishedChoices = [.. updates
            .Where(u => u.FinishReason is not null && u.AdditionalProperties?.ContainsKey(ChatSampleExtensions.ChoiceIndexKey) == true)
            .Select(u => (int)u.AdditionalProperties![ChatSampleExtensions.ChoiceIndexKey]!)
            .Order()];
        Assert.Equal([0, 1, 2], finishedChoices);
        Assert.NotNull(Assert.IsType<UsageContent>(Assert.Single(updates[^1].Contents)).Details.TotalTokenCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_VerdictSchema_ReturnsJson(bool streaming)
    {
        await using SimulatorFixture sim = await SimulatorFixture.StartAsync();
        JsonElement schema = JsonDocument.Parse("""{"type":"object","properties":{"winner":{"type":"integer"}}}""").RootElement;
        var options = new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "chorus_verdict") };

        ChatResponse response = await StreamingMode.CallAsync(sim.Client, streaming, options);

        using JsonDocument verdict = JsonDocument.Parse(response.Text);
        Assert.Equal(JsonValueKind.Object, verdict.RootElement.ValueKind);
    }
}
