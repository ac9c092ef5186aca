using System.Diagnostics;
using System.Text.Json;

namespace Chorus.Benchmarks.Overhead;

/// <summary>
/// A short in-process loop that measures orchestration overhead per branch: wall time and bytes allocated per branch
/// for a whole run (plan validation aside: runner, outcomes, report), with a zero-latency client.
/// </summary>
internal static class OverheadCommand
{
    private static readonly int[] Sizes = [1, 16, 256, 4096];

    public static async Task<int> RunAsync(string? jsonPath)
    {
        var runner = new PlanRunner();
        var rows = new List<OverheadRow>();
        Console.WriteLine($"{"n",6} {"ns/branch",12} {"bytes/branch",14} {"runs",6}");
        foreach (int n in Sizes)
        {
            Plan<int> plan = OverheadPlans.Create(n);
            for (int i = 0; i < Math.Max(3, 20_000 / n); i++)
            {
                await runner.RunAsync(plan);    // warm up: JIT, tiering, pools
            }

            // Enough runs for about 200k branches (at least 5), so small N is not dominated by timer resolution.
            int runs = Math.Max(5, 200_000 / n);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            long bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < runs; i++)
            {
                RunResult<int> result = await runner.RunAsync(plan);
                if (result.Value != n)
                {
                    throw new InvalidOperationException($"Expected {n} successes, got {result.Value}.");
                }
            }

            double elapsedNs = Stopwatch.GetElapsedTime(start).TotalNanoseconds;
            long bytes = GC.GetTotalAllocatedBytes(precise: true) - bytesBefore;
            var row = new OverheadRow(n, elapsedNs / runs / n, (double)bytes / runs / n);
            rows.Add(row);
            Console.WriteLine($"{n,6} {row.NsPerBranch,12:F0} {row.BytesPerBranch,14:F0} {runs,6}");
        }

        if (jsonPath is not null)
        {
            await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(rows, BenchJsonContext.Default.ListOverheadRow));
            Console.WriteLine($"wrote {jsonPath}");
        }

        return 0;
    }
}
