using System.Globalization;
using System.Text.Json;
using Chorus.Recipes;

namespace Chorus.Benchmarks.Scenarios;

/// <summary>
/// The provider-budget scenarios over real HTTP against the simulator, each running Chorus and the baselines in this process:
/// S1 fan-out without limits, S2 200 calls under 600 RPM / 200k TPM (limits configured and learned), S3 faults with hedging,
/// S4 two runs sharing one budget. Prints a table of wall / bound ratios and writes one JSON object per (scenario, system).
/// </summary>
internal static class ScenariosCommand
{
    public static async Task<int> RunAsync(string? only, string? jsonPath)
    {
        var scenarios = new (string Name, Func<Task<List<ScenarioRow>>> Run)[]
        {
            ("S1", LatencyScenarios.S1Async),
            ("S2", RateLimitScenarios.S2Async),
            ("S3", LatencyScenarios.S3Async),
            ("S4", RateLimitScenarios.S4Async),
        };
        if (only is not null && !scenarios.Any(s => s.Name.Equals(only, StringComparison.OrdinalIgnoreCase)))
        {
            await Console.Error.WriteLineAsync($"--only must be one of S1, S2, S3, S4, was '{only}'.");
            return 1;
        }

        await Warmup.RunAsync();
        var rows = new List<ScenarioRow>();
        foreach ((string name, Func<Task<List<ScenarioRow>>> run) in scenarios)
        {
            if (only is null || name.Equals(only, StringComparison.OrdinalIgnoreCase))
            {
                Console.WriteLine($"running {name} ...");
                List<ScenarioRow> result = await run();
                rows.AddRange(result);
                Print(result);
            }
        }

        if (jsonPath is not null)
        {
            await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(rows, BenchJsonContext.Default.ListScenarioRow));
            Console.WriteLine($"wrote {rows.Count} rows to {jsonPath}");
        }

        return 0;
    }

    private static void Print(List<ScenarioRow> rows)
    {
        Console.WriteLine($"  {"scenario",-8} {"system",-18} {"n",4} {"wall_ms",9} {"bound_ms",9} {"wall/bound",10} {"ok",4} {"failed",6} {"429",5} {"requests",8} {"retries",7} {"hedges",6}");
        foreach (ScenarioRow r in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {r.Scenario,-8} {r.System,-18} {r.N,4} {r.WallMs,9:F0} {r.BoundMs,9:F0} {r.Ratio,10:F3} {r.Ok,4} {r.Failed,6} {r.Http429,5} {r.Requests,8} {r.Retries,7} {r.Hedges,6}"));
            if (r.RunsMs is { } runs && r.FairShareMs is { } fair)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"           runs: {string.Join(", ", runs.Zip(fair, (w, f) => $"{w:F0} ms / fair share {f:F0} ms = {w / f:F3}"))}"));
            }

            if (r.Note is { } note)
            {
                Console.WriteLine($"           note: {note}");
            }
        }
    }
}
