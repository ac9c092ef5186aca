using System.Diagnostics;
using Chorus.Simulator;
using Chorus.Reporting;
using Chorus.Resilience;
using Chorus.Scheduling;

namespace Chorus.Benchmarks.Scenarios;

/// <summary>S2 (N = 200 under 600 requests/min and 200k tokens/min) and S4 (two runs sharing that budget).</summary>
internal static class RateLimitScenarios
{
    private const int Rpm = 600;
    private const int Tpm = 200_000;
    private const int PromptTokens = 100;
    private const int MaxTokens = 200;                       // a call costs 100 + 200 = 300 tokens against the budget
    private const double LatencyMs = 250;
    private const double MsPerToken = 2;                     // mean call: 250 + 2 × 200 = 650 ms
    private const int SequentialCalls = 20;
    private static readonly TimeSpan NaiveCap = TimeSpan.FromSeconds(90);

    private static SimulatorOptions Options() => new()
    {
        RequestsPerMinute = Rpm, TokensPerMinute = Tpm, LatencyMs = LatencyMs, MsPerToken = MsPerToken, Seed = 5,
    };

    private static double MeanCallMs => LatencyMs + (MsPerToken * MaxTokens);

    /// <summary>The earliest the m-th call can finish: its earliest admission under both budgets plus a mean call.</summary>
    private static double BoundMs(int calls) => (Bounds.AdmissionSeconds(calls, Rpm, Tpm, PromptTokens + MaxTokens, 1) * 1000) + MeanCallMs;

    private static EndpointSchedulerOptions Configured() => new() { RequestsPerMinute = Rpm, TokensPerMinute = Tpm, MaxConcurrency = 64 };

    private static EndpointSchedulerOptions Learned() => new() { MaxConcurrency = 64 };

    /// <summary>S2: 200 calls. Bound: (200 − 10) / 10 per s = 19.0 s for the last admission (tokens allow 17.0 s), plus 650 ms.</summary>
    public static async Task<List<ScenarioRow>> S2Async()
    {
        const int n = 200;
        string[] prompts = [.. Enumerable.Range(0, n).Select(i => Systems.Prompt(i, PromptTokens))];
        double bound = BoundMs(n);

        async Task<Measured> RunChorus(SimulatorServer s, EndpointSchedulerOptions options)
        {
            using var scheduler = new EndpointScheduler(options);
            return (await Systems.RunChorusAsync(Systems.Chorus(s, scheduler, new ResilienceOptions()), prompts, MaxTokens, "s2")).Measured;
        }

        return
        [
            await ScenarioContext.MeasureAsync("S2", "chorus", n, Options(), s => RunChorus(s, Configured()), _ => bound),
            await ScenarioContext.MeasureAsync("S2", "chorus-learned", n, Options(), s => RunChorus(s, Learned()), _ => bound,
                "no limits configured: learned from x-ratelimit-* headers after a first call alone"),
            await ScenarioContext.MeasureAsync("S2", "naive", n, Options(), s => Systems.RunNaiveAsync(Systems.Sdk(s), prompts, MaxTokens, NaiveCap), _ => bound,
                "Task.WhenAll over OpenAI.Chat.ChatClient with the SDK's default retry policy"),
            await ScenarioContext.MeasureAsync("S2", "sequential", n, Options(), async s => Extrapolate(await Systems.RunSequentialAsync(Systems.Sdk(s), prompts, MaxTokens, SequentialCalls, TimeSpan.FromMinutes(2)), n),
                _ => bound, $"extrapolated from the first {SequentialCalls} calls (× {n / SequentialCalls}); one call at a time never reaches the limit"),
        ];
    }

    /// <summary>S4: runs of 150 and 50 calls start together on one endpoint budget. Fair share: with round robin the small run's last
    /// call is the 100th admitted (bound of 100 calls), the large run's the 200th (bound of 200). Throughput: bound(200) / wall.</summary>
    public static async Task<List<ScenarioRow>> S4Async()
    {
        const int large = 150, small = 50, n = large + small;
        string[] promptsA = [.. Enumerable.Range(0, large).Select(i => Systems.Prompt(i, PromptTokens))];
        string[] promptsB = [.. Enumerable.Range(large, small).Select(i => Systems.Prompt(i, PromptTokens))];
        double[] fair = [BoundMs(n), BoundMs(2 * small)];
        double bound = BoundMs(n);
        var rows = new List<ScenarioRow>();
        double[] runs = [];

        rows.Add(await ScenarioContext.MeasureAsync("S4", "chorus", n, Options(), async s =>
        {
            using var scheduler = new EndpointScheduler(Configured());
            var client = Systems.Chorus(s, scheduler, new ResilienceOptions());
            long start = Stopwatch.GetTimestamp();
            Task<(Measured, RunReport)> a = Timed(() => Systems.RunChorusAsync(client, promptsA, MaxTokens, "s4-large"), start);
            Task<(Measured, RunReport)> b = Timed(() => Systems.RunChorusAsync(client, promptsB, MaxTokens, "s4-small"), start);
            (Measured ma, _) = await a;
            (Measured mb, _) = await b;
            runs = [ma.WallMs, mb.WallMs];
            return new Measured(Math.Max(ma.WallMs, mb.WallMs), ma.Ok + mb.Ok, ma.Failed + mb.Failed, [], ma.Retries + mb.Retries, ma.Hedges + mb.Hedges);
        }, _ => bound, "two runs (150 + 50 calls) on one scheduler; runs_ms vs fair_share_ms"));
        rows[^1] = rows[^1] with { RunsMs = runs, FairShareMs = fair };

        rows.Add(await ScenarioContext.MeasureAsync("S4", "naive", n, Options(), async s =>
        {
            var sdk = Systems.Sdk(s);
            long start = Stopwatch.GetTimestamp();
            Task<Measured> a = Systems.RunNaiveAsync(sdk, promptsA, MaxTokens, NaiveCap);
            Task<Measured> b = Systems.RunNaiveAsync(sdk, promptsB, MaxTokens, NaiveCap);
            Measured ma = await a, mb = await b;
            runs = [ma.WallMs, mb.WallMs];
            return new Measured(Math.Max(ma.WallMs, mb.WallMs), ma.Ok + mb.Ok, ma.Failed + mb.Failed, [], 0, 0);
        }, _ => bound, "two Task.WhenAll fan-outs started together"));
        rows[^1] = rows[^1] with { RunsMs = runs, FairShareMs = fair };

        rows.Add(await ScenarioContext.MeasureAsync("S4", "sequential", n, Options(),
            async s => Extrapolate(await Systems.RunSequentialAsync(Systems.Sdk(s), promptsA, MaxTokens, SequentialCalls, TimeSpan.FromMinutes(2)), n),
            _ => bound, $"both runs one call at a time, extrapolated from {SequentialCalls} calls"));
        return rows;
    }

    private static async Task<(Measured, RunReport)> Timed(Func<Task<(Measured Measured, RunReport Report)>> run, long start)
    {
        (Measured measured, RunReport report) = await run();
        return (measured with { WallMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds }, report);
    }

    private static Measured Extrapolate(Measured m, int n) => m with { WallMs = m.WallMs * n / Math.Max(1, m.Ok + m.Failed) };
}
