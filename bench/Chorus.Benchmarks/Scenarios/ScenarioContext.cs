using Chorus.Simulator;
using Chorus.Recipes;

namespace Chorus.Benchmarks.Scenarios;

/// <summary>Runs one system against a fresh simulator (so no system inherits another's spent budget) and turns it into a row.</summary>
internal static class ScenarioContext
{
    public static async Task<ScenarioRow> MeasureAsync(
        string scenario, string system, int n, SimulatorOptions options, Func<SimulatorServer, Task<Measured>> run, Func<Measured, double> bound, string? note = null)
    {
        await using SimulatorServer server = await SimulatorServer.StartAsync(options);
        Measured measured = await run(server);
        SimulatorStats stats = server.GetStats();
        long retries = measured.Retries > 0 || system.StartsWith("chorus", StringComparison.Ordinal) ? measured.Retries : Math.Max(0, stats.Requests - (measured.Ok + measured.Failed));
        return new ScenarioRow(scenario, system, n, measured.WallMs, bound(measured), measured.Ok, measured.Failed, stats.RateLimited, stats.Requests, retries, measured.Hedges)
        {
            Note = note,
        };
    }
}
