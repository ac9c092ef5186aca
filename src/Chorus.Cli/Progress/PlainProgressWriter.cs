using System.Globalization;
using Chorus.Recipes;
using Chorus.Reporting;

namespace Chorus.Cli.Progress;

/// <summary>Writes one line per change of a branch's state (and per run-level decision), for logs, pipes and tests.</summary>
/// <remarks>Lines come from the branches' threads; a lock keeps each whole.</remarks>
internal sealed class PlainProgressWriter
{
    private readonly object _sync = new();
    private readonly Action<string> _write;

    public PlainProgressWriter(ProgressTracker tracker, Action<string> write)
    {
        _write = write;
        tracker.Changed += OnChanged;
        tracker.RunEvent += OnRunEvent;
    }

    public static string Format(BranchRow row, ProgressTotals totals)
    {
        var line = new System.Text.StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $"{Seconds(row.AtMs),8}  {row.Name,-16} {row.State}");
        if (row.IsFinished)
        {
            line.Append(CultureInfo.InvariantCulture, $" | {row.Calls} call{(row.Calls == 1 ? string.Empty : "s")}, {row.InputTokens}+{row.OutputTokens} tokens, {Money(row.Cost)}");
        }

        if (row.Http429 > 0)
        {
            line.Append(CultureInfo.InvariantCulture, $" | 429s: {row.Http429}");
        }

        if (row.Note is { Length: > 0 } note)
        {
            line.Append(" | ").Append(Shorten(note, 100));
        }

        if (row.IsFinished)
        {
            line.Append(CultureInfo.InvariantCulture, $" | so far {totals.Finished}/{totals.Branches} finished, {totals.Tokens} tokens, {Money(totals.Cost)}, 429s: {totals.Http429}");
        }

        return line.ToString();
    }

    public static string Money(decimal? cost) =>
        cost is { } c ? "$" + c.ToString("0.000000", CultureInfo.InvariantCulture) : "cost unknown";

    public static string Seconds(double ms) => (ms / 1000).ToString("0.00", CultureInfo.InvariantCulture) + "s";

    private static string Shorten(string text, int max)
    {
        string flat = text.ReplaceLineEndings(" ");
        return flat.Length <= max ? flat : string.Concat(flat.AsSpan(0, max - 3), "...");
    }

    private void OnChanged(BranchRow row, ProgressTotals totals) => Write(Format(row, totals));

    private void OnRunEvent(TimelineEvent e)
    {
        string? text = e.Kind switch
        {
            TimelineEventKind.Settled => $"the answer is settled after {e.Branch}; cancelling the rest",
            TimelineEventKind.PolicyFailed => $"the failure policy failed: {e.Detail}",
            TimelineEventKind.Deadline => e.Detail,
            TimelineEventKind.AggregationFailed => $"the aggregator could not decide: {e.Detail}",
            _ => null,
        };
        if (text is not null)
        {
            Write($"{Seconds(e.AtMs),8}  {Shorten(text, 160)}");
        }
    }

    private void Write(string line)
    {
        lock (_sync)
        {
            _write(line);
        }
    }
}
