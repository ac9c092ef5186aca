using System.Globalization;
using Spectre.Console;
using Chorus.Reporting;

namespace Chorus.Cli.Rendering;

/// <summary>Renders a run report for people: a summary, a branch table, and the decision's evidence.</summary>
internal static class ReportRenderer
{
    public static void Render(IAnsiConsole console, RunReport report)
    {
        string cost = report.Cost is { } c ? $"${c.ToString("0.000000", CultureInfo.InvariantCulture)}" : "unknown (no price for the model)";
        string multiplier = report.TokenMultiplier is { } m ? $"{m:0.0}x a single call" : "n/a";
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("wall time", $"{report.WallMs:0} ms");
        grid.AddRow("sequential equivalent", $"{report.SequentialMs:0} ms (speed-up {report.Speedup:0.00}x, saved {report.SavedMs:0} ms)");
        grid.AddRow("tokens", $"{report.InputTokens} in + {report.OutputTokens} out = {report.TotalTokens} ({multiplier})");
        grid.AddRow("cost", Markup.Escape(cost));
        grid.AddRow("branches", $"{report.Succeeded} succeeded, {report.Failed} failed, {report.Cancelled} cancelled/skipped; {report.Attempts} calls, {report.Retries} retries");
        if (report.Decision is { } decision)
        {
            grid.AddRow("decision", Markup.Escape($"{decision.Strategy}: {decision.Summary}"));
        }

        if (report.Error is { } error)
        {
            grid.AddRow("[red]error[/]", Markup.Escape(error));
        }

        console.Write(grid);
        console.Write(BranchTable(report));
        if (report.Decision is { Evidence.Count: > 0 } withEvidence)
        {
            var evidence = new Table().Border(TableBorder.Simple).AddColumn("evidence").AddColumn(new TableColumn("value").RightAligned()).AddColumn("detail");
            foreach (DecisionEvidence item in withEvidence.Evidence)
            {
                evidence.AddRow(Markup.Escape(item.Key), item.Value.ToString("0.###", CultureInfo.InvariantCulture), Markup.Escape(item.Detail ?? string.Empty));
            }

            console.Write(evidence);
        }
    }

    private static Table BranchTable(RunReport report)
    {
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("branch").AddColumn("stage").AddColumn("status").AddColumn(new TableColumn("calls").RightAligned())
            .AddColumn(new TableColumn("tokens in/out").RightAligned()).AddColumn(new TableColumn("ms").RightAligned()).AddColumn("error");
        foreach (BranchReport b in report.Branches)
        {
            string status = b.Status switch
            {
                "succeeded" => "[green]succeeded[/]",
                "failed" or "timed_out" => $"[red]{b.Status}[/]",
                _ => $"[grey]{b.Status}[/]",
            };
            string tokens = $"{b.InputTokens}/{b.OutputTokens}{(b.TokensEstimated ? " (est.)" : string.Empty)}";
            // A branch the run let go once it had its answer ended normally: not an error.
            string error = b.StoppedEarly ? "[grey]stopped early[/]" : Markup.Escape(Shorten(b.Error));
            table.AddRow(Markup.Escape(b.Label), b.Stage, status, b.Attempts.ToString(CultureInfo.InvariantCulture), tokens, $"{b.DurationMs:0}", error);
        }

        return table;
    }

    private static string Shorten(string? text) => text is null ? string.Empty : text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");
}
