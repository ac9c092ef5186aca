using System.Diagnostics;
using System.Text.Json;
using Chorus.Benchmarks.Support;

namespace Chorus.Benchmarks.Fanout;

/// <summary>
/// 16 branches whose calls take 800 ms ± 30 % (uniform, seeded). Runs them concurrently and, as the baseline in the
/// same process, one after another; prints wall / slowest branch (ideal 1.0) and the speed-up versus sequential.
/// </summary>
internal static class FanoutCommand
{
    public static async Task<int> RunAsync(int branches, int seed, bool skipSequential, string? jsonPath)
    {
        var random = new Random(seed);
        TimeSpan[] latencies = [.. Enumerable.Range(0, branches).Select(_ => TimeSpan.FromMilliseconds(800 * (0.7 + (0.6 * random.NextDouble()))))];
        var client = new DelayChatClient(latencies);
        Branch[] plan = [.. Enumerable.Range(0, branches).Select(i => new Branch($"b{i}", client, i.ToString(System.Globalization.CultureInfo.InvariantCulture)))];
        var runner = new PlanRunner();

        await runner.RunAsync(new Plan<int>("warm-up", plan.Take(1), new CountingAggregator()));
        long start = Stopwatch.GetTimestamp();
        RunResult<int> concurrent = await runner.RunAsync(new Plan<int>("fanout", plan, new CountingAggregator(), limits: new RunLimits { MaxConcurrency = branches }));
        double wallMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        double slowestMs = latencies.Max().TotalMilliseconds;

        double sequentialMs = double.NaN;
        if (!skipSequential)
        {
            start = Stopwatch.GetTimestamp();
            await runner.RunAsync(new Plan<int>("sequential", plan, new CountingAggregator(), limits: new RunLimits { MaxConcurrency = 1 }));
            sequentialMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        var row = new FanoutRow(branches, slowestMs, wallMs, wallMs / slowestMs, sequentialMs, sequentialMs / wallMs, concurrent.Report.Speedup);
        Console.WriteLine($"fan-out of {branches} branches at 800 ms ± 30 % (seed {seed})");
        Console.WriteLine($"  slowest branch     {slowestMs,9:F1} ms");
        Console.WriteLine($"  concurrent wall    {wallMs,9:F1} ms   wall / slowest = {row.WallOverSlowest:F3}");
        Console.WriteLine($"  sequential wall    {sequentialMs,9:F1} ms   speed-up = {row.SpeedupVsSequential:F2}x (report's own estimate {row.ReportSpeedup:F2}x)");
        if (jsonPath is not null)
        {
            await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(row, BenchJsonContext.Default.FanoutRow));
        }

        return 0;
    }
}
