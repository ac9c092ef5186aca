using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace Chorus.Benchmarks.Scenarios;

/// <summary><c>scenarios --defaults</c>: runs the configured-limits scenarios and then every row of <see cref="DefaultsScenarios.Matrix"/>,
/// each in a child process of its own (so no row inherits another's JIT state, connection pool or thread-pool growth).</summary>
internal static class DefaultsCommand
{
    public static async Task<int> RunAsync(string? only, string? jsonPath)
    {
        var rows = new List<ScenarioRow>();
        if (only is null)
        {
            Console.WriteLine("running the configured-limits scenarios (S1-S4) in one process ...");
            rows.AddRange(await RunChildAsync<List<ScenarioRow>>(["scenarios", "--json"]) ?? []);
        }

        foreach ((string scenario, string system, string profile) in DefaultsScenarios.Matrix())
        {
            if (only is not null && !scenario.Equals(only, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            string key = $"{scenario}/{system}/{profile}";
            Console.WriteLine($"running {key} ...");
            ScenarioRow? row = await RunChildAsync<ScenarioRow>(["scenarios", "--row", key, "--row-json"]);
            if (row is null)
            {
                Console.WriteLine($"  {key}: the child process failed; no row");
                continue;
            }

            rows.Add(row);
            Print(row);
        }

        Console.WriteLine();
        Console.WriteLine($"  {"scenario",-8} {"system",-22} {"server_profile",-20} {"wall_ms",9} {"bound_ms",9} {"ratio",7} {"failed",6} {"requests",8} {"429",5} {"429%",6}");
        foreach (ScenarioRow r in rows)
        {
            Print(r);
        }

        if (jsonPath is not null)
        {
            await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(rows, BenchJsonContext.Default.ListScenarioRow));
            Console.WriteLine($"wrote {rows.Count} rows to {jsonPath}");
        }

        return 0;
    }

    public static async Task<int> RunRowAsync(string key, string? jsonPath)
    {
        string[] parts = key.Split('/');
        if (parts.Length != 3)
        {
            await Console.Error.WriteLineAsync($"--row must be SCENARIO/SYSTEM/PROFILE, was '{key}'.");
            return 1;
        }

        ScenarioRow row = await DefaultsScenarios.RunRowAsync(parts[0], parts[1], parts[2]);
        Print(row);
        if (jsonPath is not null)
        {
            await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(row, BenchJsonContext.Default.ScenarioRow));
        }

        return 0;
    }

    private static void Print(ScenarioRow r)
    {
        double share = r.Requests > 0 ? 100.0 * r.Http429 / r.Requests : 0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {r.Scenario,-8} {r.System,-22} {r.ServerProfile,-20} {r.WallMs,9:F0} {r.BoundMs,9:F0} {r.Ratio,7:F3} {r.Failed,6} {r.Requests,8} {r.Http429,5} {share,5:F1}%"));
    }

    /// <summary>Runs this program again with <paramref name="args"/> plus a temporary JSON path, and reads what it wrote.</summary>
    private static async Task<T?> RunChildAsync<T>(string[] args)
        where T : class
    {
        string json = Path.Combine(Path.GetTempPath(), $"chorus-bench-{Guid.NewGuid():N}.json");
        string self = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(self) { UseShellExecute = false, RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(Assembly.GetExecutingAssembly().Location);
        }

        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.ArgumentList.Add(json);
        try
        {
            using Process child = Process.Start(start) ?? throw new InvalidOperationException("could not start the child process");
            string output = await child.StandardOutput.ReadToEndAsync();
            await child.WaitForExitAsync();
            if (child.ExitCode != 0 || !File.Exists(json))
            {
                Console.Write(output);
                return null;
            }

            string text = await File.ReadAllTextAsync(json);
            return typeof(T) == typeof(ScenarioRow)
                ? JsonSerializer.Deserialize(text, BenchJsonContext.Default.ScenarioRow) as T
                : JsonSerializer.Deserialize(text, BenchJsonContext.Default.ListScenarioRow) as T;
        }
        finally
        {
            File.Delete(json);
        }
    }
}
