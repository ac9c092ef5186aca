using Chorus.Cli.Connection;
using Chorus.Cli.Progress;
using Chorus.Cli.Rendering;
using Spectre.Console;
using Chorus.Estimation;
using Chorus.Reporting;

namespace Chorus.Cli.Runs;

/// <summary>Runs a verb's recipe: opens the connection, shows progress, prints the result and report, writes <c>--json</c> and
/// <c>--report</c> (also after a failure or Ctrl-C, with what was done), and chooses the exit code.</summary>
internal sealed class RecipeRunner(CliEnvironment env)
{
    public async Task<int> RunAsync(string verb, RunSettings settings, Func<RecipeContext, Recipe> build, CancellationToken cancellationToken)
    {
        await using ModelConnection connection = await ModelConnection.OpenAsync(settings.Config.Connection, cancellationToken).ConfigureAwait(false);
        var tracker = new ProgressTracker();
        Recipe recipe = build(new RecipeContext(connection.Client, connection.Model, settings));
        PriceTable prices = PriceList.For(connection, settings.Config.Prices, recipe);
        tracker.UsePrices(prices, connection.Model);
        if (settings.Journal?.DryRun == true)
        {
            CliUsageException.Require(recipe.Estimate is not null, "--dry-run: this run cannot be estimated.");
            EstimateText.Write(env.Output, recipe.Estimate!(prices));
            return ExitCodes.Success;
        }

        var runnerOptions = new PlanRunnerOptions { Prices = prices, OnEvent = tracker.OnEvent };
        using Chorus.Journal.Sqlite.SqliteBranchJournal? journal = settings.Journal?.OpenInto(runnerOptions, env.WorkingDirectory);
        var runner = new PlanRunner(runnerOptions);

        bool human = !settings.JsonToStdout;
        if (human)
        {
            env.Console.MarkupLine($"[bold]chorus {Markup.Escape(recipe.Title)}[/]");
            env.Console.MarkupLine($"[grey]on {Markup.Escape(connection.Description)}[/]");
            if (connection.IsSimulated)
            {
                env.Console.MarkupLine($"[grey]Costs use a made-up price for simulated models (${ModelConnection.SimulatedPrice.InputPerMillion}/M in, ${ModelConnection.SimulatedPrice.OutputPerMillion}/M out).[/]");
            }
        }

        ProgressMode mode = Resolve(settings.Progress, human);
        if (mode == ProgressMode.Plain)
        {
            _ = new PlainProgressWriter(tracker, env.Error.WriteLine);
        }

        RecipeOutcome? outcome = null;
        RunReport report;
        int exit = ExitCodes.Success;
        string? failure = null;
        try
        {
            Task<RecipeOutcome> Run() => recipe.RunAsync(runner, cancellationToken);
            outcome = mode == ProgressMode.Live && human
                ? await LiveProgressView.RunAsync(env.Console, tracker, Run).ConfigureAwait(false)
                : await Run().ConfigureAwait(false);
            report = outcome.Report;
        }
        catch (RunFailedException ex) when (ex.Report is not null)
        {
            report = ex.Report;
            exit = ExitCodes.ForFailedRun(ex);
            failure = ex.Message;
        }
        catch (RunCanceledException ex) when (ex.Report is not null)
        {
            report = ex.Report;
            exit = ExitCodes.Cancelled;
        }

        if (human)
        {
            env.Console.WriteLine();
            if (outcome is not null)
            {
                env.Console.MarkupLine($"[bold]result:[/] {Markup.Escape(outcome.Result)}");
            }

            ReportRenderer.Render(env.Console, report);
        }

        // The partial report is written even after Ctrl-C: that is when it is most wanted, so the writes ignore the token.
        await ReportOutput.WriteJsonAsync(env, settings.Json, report, CancellationToken.None).ConfigureAwait(false);
        await ReportOutput.WriteHtmlAsync(env, settings.Report, $"chorus {recipe.Title}", [report], CancellationToken.None).ConfigureAwait(false);
        if (human)
        {
            WrittenTo(settings.Json, "JSON report");
            WrittenTo(settings.Report, "HTML report");
        }

        await ExplainAsync(verb, exit, failure, report, settings).ConfigureAwait(false);
        return exit;
    }

    /// <summary>Live needs an interactive terminal and a console that is not busy with JSON; otherwise progress is plain lines on standard error.</summary>
    private ProgressMode Resolve(ProgressMode requested, bool human) => requested switch
    {
        ProgressMode.Auto or ProgressMode.Live when human && env.Console.Profile.Capabilities.Interactive && env.Console.Profile.Capabilities.Ansi => ProgressMode.Live,
        ProgressMode.Live when human && env.Console.Profile.Capabilities.Ansi => ProgressMode.Live,
        ProgressMode.Auto or ProgressMode.Live => ProgressMode.Plain,
        _ => requested,
    };

    private void WrittenTo(string? path, string what)
    {
        if (path is not null)
        {
            env.Console.MarkupLine($"[grey]{what} written to {Markup.Escape(env.Resolve(path))}[/]");
        }
    }

    private async Task ExplainAsync(string verb, int exit, string? failure, RunReport report, RunSettings settings)
    {
        string saved = (settings.Json, settings.Report) switch
        {
            (null or "-", null) => "the partial report is printed above",
            _ => $"the partial report was written to {string.Join(" and ", new[] { settings.Json, settings.Report }.Where(p => p is not null and not "-"))}",
        };
        string? message = exit switch
        {
            ExitCodes.Cancelled => $"chorus: cancelled; {saved}.",
            ExitCodes.ProviderUnreachable => $"chorus: the provider could not be reached or refused: {FirstError(report) ?? failure}\n  hint: check --endpoint, --model and OPENAI_API_KEY (chorus config show); {saved}",
            ExitCodes.PolicyFailed => $"chorus: the {verb} run failed: {failure}\n  hint: {saved}; see each branch's error",
            _ => null,
        };
        if (message is not null)
        {
            await env.Error.WriteLineAsync(message).ConfigureAwait(false);
        }
    }

    private static string? FirstError(RunReport report) => report.Branches.FirstOrDefault(b => b.Error is not null)?.Error;
}
