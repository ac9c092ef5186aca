using Chorus.Estimation;
using Chorus.Recipes;
using Chorus.Reporting;

namespace Chorus.Cli.Progress;

/// <summary>Follows a run from its typed timeline events, for live progress: states from event kinds, calls, 429s and tokens from
/// each attempt event's typed facts. It reads no event text.</summary>
/// <remarks>
/// Thread-safe: the runner calls <see cref="OnEvent"/> concurrently from its branches. <see cref="Changed"/> is raised outside the
/// lock, in the order the changes were made for any one branch.
/// </remarks>
internal sealed class ProgressTracker
{
    private readonly object _sync = new();
    private readonly List<Row> _rows = [];
    private readonly Dictionary<(string Stage, string Label), Row> _byKey = [];
    private PriceTable _prices = PriceTable.Empty;
    private string? _defaultModel;
    private double _nowMs;

    /// <summary>Raised when a branch changes state or sees a 429; not raised for token updates alone.</summary>
    public event Action<BranchRow, ProgressTotals>? Changed;

    /// <summary>Raised for run-level events (settled, decided, deadline, cancelled), with their detail.</summary>
    public event Action<TimelineEvent>? RunEvent;

    /// <summary>Sets the prices used for the cost so far, and the model priced when an attempt names none; set once, before the run starts.</summary>
    public void UsePrices(PriceTable prices, string? defaultModel = null)
    {
        lock (_sync)
        {
            _prices = prices;
            _defaultModel = defaultModel;
        }
    }

    public void OnEvent(TimelineEvent e)
    {
        if (e.Kind is TimelineEventKind.Settled or TimelineEventKind.PolicyFailed)
        {
            RunEvent?.Invoke(e);
        }

        if (e.Branch is null)
        {
            lock (_sync)
            {
                _nowMs = Math.Max(_nowMs, e.AtMs);
            }

            RunEvent?.Invoke(e);
            return;
        }

        BranchRow changed;
        ProgressTotals totals;
        lock (_sync)
        {
            _nowMs = Math.Max(_nowMs, e.AtMs);
            Row row = RowFor(e.Stage ?? "main", e.Branch);
            string before = row.State;
            int http429Before = row.Http429;
            Apply(row, e);
            if (e is AttemptEvent { Attempt: var attempt })
            {
                AddUsage(row, attempt);
            }
            if (row.State == before && row.Http429 == http429Before)
            {
                return;
            }

            row.AtMs = e.AtMs;
            changed = row.ToRow();
            totals = TotalsLocked();
        }

        Changed?.Invoke(changed, totals);
    }

    private void AddUsage(Row row, AttemptRecord attempt)
    {
        long input = attempt.InputTokens ?? 0, output = attempt.OutputTokens ?? 0;
        row.InputTokens += input;
        row.OutputTokens += output;
        if (input + output > 0)
        {
            row.Cost = row.Cost is { } c && _prices.CostOf(attempt.Model ?? _defaultModel, input, output) is { } more ? c + more : null;
        }
    }

    public (IReadOnlyList<BranchRow> Rows, ProgressTotals Totals, double NowMs) Snapshot()
    {
        lock (_sync)
        {
            return ([.. _rows.Select(r => r.ToRow())], TotalsLocked(), _nowMs);
        }
    }

    private static void Apply(Row row, TimelineEvent e)
    {
        switch (e.Kind)
        {
            case TimelineEventKind.Queued:
                row.State = ProgressStates.Queued;
                break;
            case TimelineEventKind.Started or TimelineEventKind.FirstToken:
                row.State = ProgressStates.Running;
                row.Note = null;
                break;
            case TimelineEventKind.Throttled or TimelineEventKind.Waiting:
                if (!row.IsFinished)
                {
                    row.State = ProgressStates.Waiting;
                    row.Note = e.Detail;
                }

                break;
            case TimelineEventKind.Attempt when e is AttemptEvent { Attempt: var attempt }:
                row.Calls++;
                if (attempt.HttpStatus == 429)
                {
                    row.Http429++;
                }

                // A failed attempt of a branch that has not ended is followed by a retry, a hedge or the fallback.
                if (!row.IsFinished && attempt.Status is AttemptStatus.Error or AttemptStatus.Timeout)
                {
                    row.State = ProgressStates.Retrying;
                    row.Note = e.Detail;
                }
                else if (row.State is ProgressStates.Waiting or ProgressStates.Retrying)
                {
                    row.State = ProgressStates.Running;
                }

                break;
            case TimelineEventKind.Fallback:
                row.State = ProgressStates.Retrying;
                row.Note = "fallback";
                break;
            case TimelineEventKind.Hedge:
                row.Note = "hedged";
                break;
            case TimelineEventKind.Replayed:
                row.Note = "replayed from the journal, no call";
                break;
            case TimelineEventKind.Succeeded:
                row.State = ProgressStates.Done;
                row.Note = row.Note?.StartsWith("replayed", StringComparison.Ordinal) == true ? row.Note : null;
                break;
            case TimelineEventKind.Failed or TimelineEventKind.TimedOut:
                row.State = ProgressStates.Failed;
                row.Note = e.Kind == TimelineEventKind.TimedOut ? "timed out" : e.Detail;
                break;
            case TimelineEventKind.Cancelled or TimelineEventKind.Skipped:
                row.State = ProgressStates.Cancelled;
                row.Note = e.Kind == TimelineEventKind.Skipped ? "not started" : null;
                break;
            default:
                break;
        }
    }

    private Row RowFor(string stage, string label)
    {
        if (!_byKey.TryGetValue((stage, label), out Row? row))
        {
            row = new Row(label, stage);
            _byKey[(stage, label)] = row;
            _rows.Add(row);
        }

        return row;
    }

    private ProgressTotals TotalsLocked()
    {
        long input = 0, output = 0;
        decimal? cost = 0;
        int http429 = 0, finished = 0;
        foreach (Row row in _rows)
        {
            input += row.InputTokens;
            output += row.OutputTokens;
            cost = cost is { } c && row.Cost is { } rc ? c + rc : null;
            http429 += row.Http429;
            finished += row.IsFinished ? 1 : 0;
        }

        return new ProgressTotals(input, output, cost, http429, finished, _rows.Count);
    }

    private sealed class Row(string label, string stage)
    {
        // Empty until the first event, so "queued" is a change worth a line.
        public string State { get; set; } = string.Empty;

        public int Calls { get; set; }

        public long InputTokens { get; set; }

        public long OutputTokens { get; set; }

        public decimal? Cost { get; set; } = 0;

        public int Http429 { get; set; }

        public string? Note { get; set; }

        public double AtMs { get; set; }

        public bool IsFinished => State is ProgressStates.Done or ProgressStates.Failed or ProgressStates.Cancelled;

        public BranchRow ToRow() => new(label, stage, State, Calls, InputTokens, OutputTokens, Cost, Http429, Note, AtMs);
    }
}
