using Chorus.Simulator;
using Chorus.Resilience;
using Chorus.Scheduling;

namespace Chorus.Benchmarks.Scenarios;

/// <summary>Runs every system once against a fast simulator so that JIT and connection set-up are not measured in any scenario.</summary>
internal static class Warmup
{
    public static async Task RunAsync()
    {
        await using SimulatorServer server = await SimulatorServer.StartAsync(new SimulatorOptions { LatencyMs = 1, MsPerToken = 0 });
        string[] prompts = [.. Enumerable.Range(0, 16).Select(i => Systems.Prompt(i, 50))];
        using var scheduler = new EndpointScheduler(new EndpointSchedulerOptions { LearnLimitsFromHeaders = false });
        var resilience = new ResilienceOptions { EnableHedging = true };
        for (int round = 0; round < 3; round++)
        {
            await Systems.RunChorusAsync(Systems.Chorus(server, scheduler, resilience), prompts, 20, "warm-up");
            await Systems.RunNaiveAsync(Systems.Sdk(server), prompts, 20, TimeSpan.FromSeconds(30));
            await Systems.RunSequentialAsync(Systems.Sdk(server), prompts, 20, 4, TimeSpan.FromSeconds(30));
        }
    }
}
