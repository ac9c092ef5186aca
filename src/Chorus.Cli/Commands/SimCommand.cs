using System.CommandLine;
using Chorus.Simulator;

namespace Chorus.Cli.Commands;

/// <summary><c>chorus sim</c>: serves the OpenAI-compatible simulator on loopback until cancelled; prints its base URL first.</summary>
internal sealed class SimCommand(CliEnvironment env)
{
    public static Command Define(CliEnvironment env)
    {
        var flags = new SimulatorFlags();
        var sim = new Command("sim", "Serve the OpenAI-compatible simulator on 127.0.0.1 (prints its base URL first).");
        foreach (Option option in flags.All)
        {
            sim.Add(option);
        }

        sim.SetAction((parse, ct) => new SimCommand(env).InvokeAsync(flags.Bind(parse), parse.GetValue(flags.Port), ct));
        return sim;
    }

    public async Task<int> InvokeAsync(SimulatorOptions options, int port, CancellationToken cancellationToken)
    {
        await using SimulatorServer server = await SimulatorServer.StartAsync(options, port, cancellationToken).ConfigureAwait(false);
        string baseUrl = server.BaseUri.ToString().TrimEnd('/');
        await env.Output.WriteLineAsync(baseUrl).ConfigureAwait(false);
        await env.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
        await env.Error.WriteLineAsync(
            $"SIMULATED OpenAI-compatible server (no real LLM): seed {options.Seed}, model {options.Model}, " +
            $"rpm {Describe(options.RequestsPerMinute)}, tpm {Describe(options.TokensPerMinute)}. " +
            $"Stats at {baseUrl.Replace("/v1", "/stats", StringComparison.Ordinal)}. Ctrl-C to stop.").ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C is how a server is stopped: a clean exit.
        }

        return ExitCodes.Success;
    }

    private static string Describe(int? limit) => limit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unlimited";
}
