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
        // An output that cannot be written is found before the first call, not after the money is spent.
        ReportOutput.CheckWritable(env, settings.Json, "--json");
        ReportOutput.CheckWritable(env, settings.Report, "--report");
        await using ModelConnection connection = await ModelConnection.OpenAsync(settings.Config.Connection, cancellationToken).ConfigureAwait(false);
        var tracker = new ProgressTracker();
        Recipe recipe = build(new RecipeContext(connection.Client, connection.Model, settings));
        PriceTable prices = PriceList.For(connection, settings.Config.Prices, recipe);
        tracker.UsePrices(prices, connection.Model);
        if (settings.Journal?.DryRun == true)
        {
            CliUsageException.Require(recipe.Estimate is not null, "--dry-run: this run cannot be estimated.");
            var dryOptions = new PlanRunnerOptions();
            using Chorus.Journal.Sqlite.SqliteBranchJournal? dryJournal = settings.Journal.OpenInto(dryOptions, env.WorkingDirectory);
            RunEstimate estimate = recipe.EstimateWithJournal is { } withJournal && dryJournal is not null
                ? await withJournal(prices, dryJournal, dryOptions.CacheDeterministic, cancellationToken).ConfigureAwait(false)
                : recipe.Estimate!(prices);
            EstimateText.Write(env.Output, estimate);
            return ExitCodes.Success;
        }

        // --journal-strict: the first journal error stops the run, before it pays for anything more.
        using var journalFailed = new CancellationTokenSource();
        using var runCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, journalFailed.Token);
        bool strict = settings.Journal?.Strict == true;
        var runnerOptions = new PlanRunnerOptions
        {
            Prices = prices,
            OnEvent = e =>
            {
                tracker.OnEvent(e);
                if (strict && e.Kind == TimelineEventKind.JournalError)
                {
                    _ = journalFailed.CancelAsync();
                }
            },
        };
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
            Task<RecipeOutcome> Run() => recipe.RunAsync(runner, runCancellation.Token);
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
            exit = journalFailed.IsCancellationRequested && !cancellationToken.IsCancellationRequested ? ExitCodes.JournalErrors : ExitCodes.Cancelled;
            failure = exit == ExitCodes.JournalErrors ? "a journal error stopped the run (--journal-strict)" : null;
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
        // Each output is written on its own: one that fails does not keep the other from being written.
        bool jsonWritten = await WriteOutputAsync(() => ReportOutput.WriteJsonAsync(env, settings.Json, report, CancellationToken.None)).ConfigureAwait(false);
        bool htmlWritten = await WriteOutputAsync(() => ReportOutput.WriteHtmlAsync(env, settings.Report, $"chorus {recipe.Title}", [report], CancellationToken.None)).ConfigureAwait(false);
        if (human)
        {
            WrittenTo(jsonWritten ? settings.Json : null, "JSON report");
            WrittenTo(htmlWritten ? settings.Report : null, "HTML report");
        }

        if (!(jsonWritten && htmlWritten) && exit == ExitCodes.Success)
        {
            exit = ExitCodes.UsageError;
        }

        if (report.JournalErrors > 0)
        {
            // Journal damage is never silent: every error cost a paid call the journal should have saved.
            string first = report.Timeline.FirstOrDefault(e => e.Kind == TimelineEventKind.JournalError)?.Detail ?? "unknown";
            await env.Error.WriteLineAsync(
                $"chorus: {report.JournalErrors} journal error(s); the affected branches were called (and paid for) again. First: {first}").ConfigureAwait(false);
            if (exit == ExitCodes.Success)
            {
                exit = ExitCodes.JournalErrors;
            }
        }

        await ExplainAsync(verb, exit, failure, report, settings).ConfigureAwait(false);
        return exit;
    }

    private async Task<bool> WriteOutputAsync(Func<Task> write)
    {
        try
        {
            await write().ConfigureAwait(false);
            return true;
        }
        catch (CliUsageException ex)
        {
            await env.Error.WriteLineAsync($"chorus: {ex.Message}").ConfigureAwait(false);
            return false;
        }
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
            ExitCodes.JournalErrors when failure is not null => $"chorus: {failure}; {saved}.",
            _ => null,
        };
        if (message is not null)
        {
            await env.Error.WriteLineAsync(message).ConfigureAwait(false);
        }
    }

    private static string? FirstError(RunReport report) => report.Branches.FirstOrDefault(b => b.Error is not null)?.Error;
}
