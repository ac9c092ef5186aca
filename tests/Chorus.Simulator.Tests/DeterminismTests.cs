using System.Text.Json;
using System.Text.Json.Nodes;
using Chorus.TestKit;

namespace Chorus.Simulator.Tests;

public sealed class DeterminismTests
{
    private static readonly string[] Prompts = ["What is 17 * 23?", "Tell me about queues.", "What is 17 * 23?", "What is 9 - 4?", "Tell me about queues."];

    private static async Task<List<string>> RunAsync(int seed)
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o => o.Seed = seed);
        var answers = new List<string>();
        foreach (string prompt in Prompts)
        {
            JsonObject completion = await sim.CompleteAsync(SimulatorHarness.Request(prompt, b => b["n"] = 3));
            answers.Add(string.Join("|", completion["choices"]!.AsArray().Select(c => (string)c!["message"]!["content"]!)));
            answers.Add((string)completion["id"]!);
        }

        return answers;
    }

    [Fact]
    public async Task SameSeedAndRequests_GiveSameOutputs_OtherSeedDiffers()
    {
        List<string> first = await RunAsync(7);
        List<string> second = await RunAsync(7);
        List<string> other = await RunAsync(8);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void RepeatedIdenticalRequests_GetFreshDraws()
    {
        SimulatedModel model = EngineHarness.Create();

        string[] texts = [.. Enumerable.Range(0, 10).Select(_ => model.Ask("Tell me about queues."))];

        Assert.True(texts.Distinct().Count() > 1);
    }

    [Theory]
    [InlineData("seed")]
    [InlineData("temperature")]
    public async Task RequestSeedOrTemperatureZero_RepeatsTheSameAnswer(string field)
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync();

        var answers = new List<string>();
        for (int i = 0; i < 5; i++)
        {
            answers.Add(await sim.AskAsync("Tell me about queues.", b => b[field] = 0));
        }

        Assert.Single(answers.Distinct());
    }

    [Fact]
    public async Task Latency_WaitsOnTheInjectedClock()
    {
        var clock = new ManualTimeProvider();
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o =>
        {
            o.TimeProvider = clock;
            o.LatencyMs = 200;
            o.MsPerToken = 10;
        });
        long armed = clock.TimersArmed;

        Task<string> call = sim.AskAsync("What is 1 + 1?", b => b["max_tokens"] = 3);
        await clock.WaitForTimersArmedAsync(armed + 1);

        // The answer is cut to 3 tokens: 200 ms to the first token, then 10 ms per token.
        Assert.False(call.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(229));
        Assert.False(call.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(12, (await call.WaitAsync(TimeSpan.FromSeconds(10))).Length);
    }

    [Fact]
    public void Latency_JitterIsLognormalWithTheConfiguredMean()
    {
        SimulatedModel model = EngineHarness.Create(o =>
        {
            o.LatencyMs = 100;
            o.MsPerToken = 10;
            o.LatencyJitter = 0.5;
        });

        double[] ttft = [.. Enumerable.Range(0, 4000).Select(_ => model.Plan(EngineHarness.Request("hi")).TimeToFirstToken.TotalMilliseconds)];

        // A lognormal factor with sigma 0.5 has mean 1 and standard deviation √(e^0.25 − 1) ≈ 0.53; over 4000 draws the mean's
        // standard error is 100 × 0.53 / √4000 ≈ 0.84 ms, so ±4 ms is about 5 standard errors.
        Assert.Equal(100, ttft.Average(), 4.0);
        Assert.True(ttft.Min() < 60 && ttft.Max() > 160);
    }

    [Fact]
    public async Task JudgeOverHttp_ReadsJsonSchemaName()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o => o.JudgeAccuracy = 1);

        string content = await sim.AskAsync(
            "What is 2 + 2?\n<candidate id=\"one\">The answer is 5.</candidate>\n<candidate id=\"two\">The answer is 4.</candidate>",
            b => b["response_format"] = JsonNode.Parse("""{"type":"json_schema","json_schema":{"name":"chorus_verdict","schema":{"type":"object"}}}"""));

        using JsonDocument verdict = JsonDocument.Parse(content);
        Assert.Equal("two", verdict.RootElement.GetProperty("choice").GetString());
    }
}
