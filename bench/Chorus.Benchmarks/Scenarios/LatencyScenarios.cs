using Chorus.Simulator;
using Chorus.Recipes;
using Chorus.Resilience;
using Chorus.Scheduling;

namespace Chorus.Benchmarks.Scenarios;

/// <summary>S1 (pure fan-out, no limit) and S3 (faults: 500s and hangs, with hedging).</summary>
internal static class LatencyScenarios
{
    private static readonly TimeSpan NaiveCap = TimeSpan.FromSeconds(30);

    /// <summary>S1: N = 16, no limit, 800 ms ± 30 % (lognormal jitter σ = 0.15: ±30 % is ±2σ). Bound: the run's own slowest call.</summary>
    public static async Task<List<ScenarioRow>> S1Async()
    {
        const int n = 16;
        SimulatorOptions Options() => new() { LatencyMs = 800, MsPerToken = 0, LatencyJitter = 0.15, Seed = 7 };
        string[] prompts = [.. Enumerable.Range(0, n).Select(i => Systems.Prompt(i, 50))];
        static double Slowest(Measured m) => m.CallMs.DefaultIfEmpty(0).Max();
        return
        [
            await ScenarioContext.MeasureAsync("S1", "sequential", n, Options(),
                s => Systems.RunSequentialAsync(Systems.Sdk(s), prompts, null, n, TimeSpan.FromMinutes(2)), Slowest),
            await ScenarioContext.MeasureAsync("S1", "naive", n, Options(), s => Systems.RunNaiveAsync(Systems.Sdk(s), prompts, null, NaiveCap), Slowest),
            await ScenarioContext.MeasureAsync("S1", "chorus", n, Options(), async s =>
            {
                using var scheduler = new EndpointScheduler(new EndpointSchedulerOptions { MaxConcurrency = 64, LearnLimitsFromHeaders = false });
                return (await Systems.RunChorusAsync(Systems.Chorus(s, scheduler, new ResilienceOptions()), prompts, null, "s1")).Measured;
            }, Slowest),
        ];
    }

    /// <summary>S3: N = 64, 5 % HTTP 500, 1 % hangs, 800 ms ± 30 %. Bound: the same Chorus stack on a fault-free simulator, measured first.</summary>
    public static async Task<List<ScenarioRow>> S3Async()
    {
        const int n = 64;
        SimulatorOptions Options(bool faults) => new()
        {
            LatencyMs = 800, MsPerToken = 0, LatencyJitter = 0.3, Seed = 7,       // seed 7: the 64 first attempts draw 1 hang and 4 HTTP 500s
            Fault5xxRate = faults ? 0.05 : 0, FaultHangRate = faults ? 0.01 : 0,
        };
        string[] prompts = [.. Enumerable.Range(0, n).Select(i => Systems.Prompt(i, 50))];
        ResilienceOptions Resilience() => new()
        {
            EnableHedging = true,
            AttemptTimeout = TimeSpan.FromSeconds(10),
            BaseDelay = TimeSpan.FromMilliseconds(50),
        };

        async Task<Measured> RunChorus(SimulatorServer s)
        {
            using var scheduler = new EndpointScheduler(new EndpointSchedulerOptions { MaxConcurrency = 128, LearnLimitsFromHeaders = false });
            return (await Systems.RunChorusAsync(Systems.Chorus(s, scheduler, Resilience()), prompts, null, "s3")).Measured;
        }

        ScenarioRow faultFree = await ScenarioContext.MeasureAsync("S3", "chorus-fault-free", n, Options(false), RunChorus, _ => 0);
        double bound = faultFree.WallMs;
        ScenarioRow chorus = await ScenarioContext.MeasureAsync("S3", "chorus", n, Options(true), RunChorus, _ => bound,
            $"bound = the same Chorus stack with no faults ({bound:F0} ms); hedging on, attempt timeout 10 s");
        ScenarioRow naive = await ScenarioContext.MeasureAsync("S3", "naive", n, Options(true), s => Systems.RunNaiveAsync(Systems.Sdk(s), prompts, null, NaiveCap), _ => bound,
            $"calls still hanging at {NaiveCap.TotalSeconds:F0} s were abandoned (the SDK's own timeout is 100 s)");
        const int sequentialCalls = 16;
        ScenarioRow sequential = await ScenarioContext.MeasureAsync("S3", "sequential", n, Options(true),
            async s =>
            {
                Measured m = await Systems.RunSequentialAsync(Systems.Sdk(s), prompts, null, sequentialCalls, TimeSpan.FromSeconds(60));
                return m with { WallMs = m.WallMs * n / Math.Max(1, m.Ok + m.Failed) };
            },
            _ => bound,
            $"extrapolated from the first {sequentialCalls} calls (× {n / sequentialCalls}), capped at 60 s");
        return [faultFree with { BoundMs = faultFree.WallMs, Note = "the fault-free reference for S3's bound" }, chorus, naive, sequential];
    }
}
