using System.CommandLine;
using Chorus.Cli.Connection;
using Chorus.Cli.Demo;
using Chorus.Cli.Rendering;
using Chorus.Cli.Runs;
using Spectre.Console;
using Chorus.Reporting;

namespace Chorus.Cli.Commands;

/// <summary><c>chorus demo</c>: runs the seed scenarios end to end and prints each result and its report.</summary>
internal sealed class DemoCommand(CliEnvironment env)
{
    public static Command Define(CliEnvironment env)
    {
        var scenario = new Option<string?>("--scenario") { Description = "Run only this scenario." };
        var demo = new Command("demo", "Run the seed scenarios (map-reduce, guardrail, vote, jury) on the embedded simulated model, or on --endpoint.")
        {
            CommonOptions.Json, RunFlags.Report, scenario,
        };
        demo.SetAction((parse, ct) => new DemoCommand(env).InvokeAsync(
            RunFlags.Config(parse, env).Connection, RunFlags.JsonTarget(parse), parse.GetValue(RunFlags.Report), parse.GetValue(scenario), ct));
        return demo;
    }

    public async Task<int> InvokeAsync(ConnectionSettings settings, string? json, string? html, string? only, CancellationToken cancellationToken)
    {
        await using ModelConnection connection = await ModelConnection.OpenAsync(settings, cancellationToken).ConfigureAwait(false);
        var runner = new PlanRunner(new PlanRunnerOptions { Prices = connection.Prices });
        IReadOnlyList<DemoScenario> scenarios = DemoScenarios.All(connection.Client);
        if (only is not null)
        {
            scenarios = [.. scenarios.Where(s => s.Name == only)];
            if (scenarios.Count == 0)
            {
                throw new CliUsageException($"--scenario '{only}' is not a demo scenario.", $"choose one of: {string.Join(", ", DemoScenarios.All(connection.Client).Select(s => s.Name))}");
            }
        }

        bool jsonToStdout = json == "-";
        if (!jsonToStdout)
        {
            env.Console.MarkupLine($"[bold]Chorus demo[/] on {Markup.Escape(connection.Description)}");
            if (connection.IsSimulated)
            {
                env.Console.MarkupLine($"[grey]Costs use a made-up price for the simulated model (${ModelConnection.SimulatedPrice.InputPerMillion}/M in, ${ModelConnection.SimulatedPrice.OutputPerMillion}/M out).[/]");
            }
        }

        var reports = new List<RunReport>();
        int exit = ExitCodes.Success;
        foreach (DemoScenario scenario in scenarios)
        {
            DemoOutcome? outcome = null;
            RunReport report;
            try
            {
                outcome = await scenario.RunAsync(runner, cancellationToken).ConfigureAwait(false);
                report = outcome.Report;
            }
            catch (RunFailedException ex) when (ex.Report is not null)
            {
                report = ex.Report;
                exit = Math.Max(exit, ExitCodes.ForFailedRun(ex));
            }

            reports.Add(report);
            if (!jsonToStdout)
            {
                env.Console.Write(new Rule($"[bold]{scenario.Name}[/]") { Justification = Justify.Left });
                env.Console.MarkupLine($"[grey]{Markup.Escape(scenario.Description)}[/]");
                env.Console.MarkupLine(outcome is null ? $"[red]failed:[/] {Markup.Escape(report.Error ?? "unknown")}" : $"[bold]result:[/] {Markup.Escape(outcome.Result)}");
                ReportRenderer.Render(env.Console, report);
            }
        }

        await ReportOutput.WriteJsonAsync(env, json, reports, cancellationToken).ConfigureAwait(false);
        await ReportOutput.WriteHtmlAsync(env, html, "chorus demo", reports, cancellationToken).ConfigureAwait(false);
        return exit;
    }
}
