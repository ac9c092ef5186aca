using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using Chorus.Recipes;

namespace Chorus.Cli.Progress;

/// <summary>Shows a live table of the branches, redrawn in place while a run goes on; for interactive terminals.</summary>
internal static class LiveProgressView
{
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromMilliseconds(120);

    /// <summary>Starts <paramref name="run"/> and redraws the table until it ends; returns (or throws) what it did.</summary>
    public static async Task<T> RunAsync<T>(IAnsiConsole console, ProgressTracker tracker, Func<Task<T>> run)
    {
        long start = TimeProvider.System.GetTimestamp();
        Task<T> task = run();
        await console.Live(Build(tracker, start)).AutoClear(false).Overflow(VerticalOverflow.Ellipsis).StartAsync(async ctx =>
        {
            while (!task.IsCompleted)
            {
                ctx.UpdateTarget(Build(tracker, start));
                ctx.Refresh();
                await Task.WhenAny(task, Task.Delay(RefreshEvery, TimeProvider.System, CancellationToken.None)).ConfigureAwait(false);
            }

            ctx.UpdateTarget(Build(tracker, start));
            ctx.Refresh();
        }).ConfigureAwait(false);
        return await task.ConfigureAwait(false);
    }

    public static IRenderable Build(ProgressTracker tracker, long start)
    {
        (IReadOnlyList<BranchRow> rows, ProgressTotals totals, _) = tracker.Snapshot();
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("branch").AddColumn("state").AddColumn(new TableColumn("calls").RightAligned())
            .AddColumn(new TableColumn("tokens").RightAligned()).AddColumn(new TableColumn("cost").RightAligned())
            .AddColumn(new TableColumn("429s").RightAligned()).AddColumn("note");
        foreach (BranchRow row in rows)
        {
            table.AddRow(
                Markup.Escape(row.Name),
                Styled(row.State),
                row.Calls.ToString(CultureInfo.InvariantCulture),
                row.InputTokens + row.OutputTokens == 0 ? "-" : $"{row.InputTokens}+{row.OutputTokens}",
                Markup.Escape(PlainProgressWriter.Money(row.Cost)),
                row.Http429 == 0 ? "-" : $"[yellow]{row.Http429}[/]",
                Markup.Escape(row.Note is { } n && n.Length > 60 ? string.Concat(n.AsSpan(0, 57), "...") : row.Note ?? string.Empty));
        }

        double elapsed = TimeProvider.System.GetElapsedTime(start).TotalSeconds;
        table.Caption(new TableTitle(Markup.Escape(string.Create(
            CultureInfo.InvariantCulture,
            $"{elapsed:0.0}s  {totals.Finished}/{totals.Branches} finished  {totals.Tokens} tokens  {PlainProgressWriter.Money(totals.Cost)}  429s: {totals.Http429}"))));
        return table;
    }

    private static string Styled(string state) => state switch
    {
        ProgressStates.Done => "[green]done[/]",
        ProgressStates.Failed => "[red]failed[/]",
        ProgressStates.Cancelled => "[grey]cancelled[/]",
        ProgressStates.Retrying => "[yellow]retrying[/]",
        ProgressStates.Waiting => "[yellow]waiting for budget[/]",
        ProgressStates.Running => "[blue]running[/]",
        _ => "[grey]queued[/]",
    };
}
