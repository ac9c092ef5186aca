using System.Diagnostics;
using Chorus.TestKit;

namespace Chorus.Simulator.Tests;

/// <summary>Drives the simulator with the official <c>openai</c> npm client (tests/npm), the strongest check of wire compatibility.</summary>
public sealed class OpenAINpmClientTests
{
    private const string Script = "tests/npm/openai-client-check.mjs";
    private const string Package = "tests/npm/node_modules/openai";

    [ExternalToolFact("node", Script, Package)]
    public async Task OpenAINodeClient_PlainAndStreaming_PassesItsChecks()
    {
        string? missing = ExternalTools.MissingReason("node", Script, Package);
        Assert.True(missing is null, missing);
        await using SimulatorServer server = await SimulatorServer.StartAsync(SimulatorHarness.FastOptions());
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = ExternalTools.FindRepoRoot()!,
        };
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add(server.BaseUri.ToString());

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var hangGuard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(hangGuard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{await stdout}\n{await stderr}");
        Assert.StartsWith("ok", await stdout, StringComparison.Ordinal);
        Assert.True(server.GetStats().StreamingRequests >= 1);
    }
}
