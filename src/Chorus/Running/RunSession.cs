using Chorus.Estimation;
using Chorus.Reporting;

namespace Chorus.Running;

/// <summary>The shared state of one run: its clock origin, timeline and every outcome of every stage.</summary>
internal sealed class RunSession : IRunTimeline
{
    private readonly object _sync = new();
    private readonly long _start;
    private readonly List<TimelineEvent> _events = [];
    private readonly List<BranchOutcome> _outcomes = [];
    private readonly List<string> _stageOrder = [RunStages.Main];
    private readonly Action<TimelineEvent>? _onEvent;
    private int _deadlineNoted;

    public RunSession(string scenario, RunnerSettings settings)
    {
        Scenario = scenario;
        Settings = settings;
        _onEvent = settings.OnEvent;
        _start = settings.Time.GetTimestamp();
    }

    public string Scenario { get; }

    public RunnerSettings Settings { get; }

    /// <summary>Gets the run's spend cap, or <see langword="null"/> when its limits set none.</summary>
    public SpendBudget? Budget { get; init; }

    /// <summary>Gets the pre-flight estimate of the run, when it ran a plan.</summary>
    public RunEstimate? Estimate { get; init; }

    public TimeProvider Time => Settings.Time;

    /// <summary>Gets the time since the run started.</summary>
    public TimeSpan Now => Settings.Time.GetElapsedTime(_start);

    public void Event(TimelineEventKind kind, string? branch = null, string? stage = null, string? detail = null) =>
        Add(new TimelineEvent(Now.TotalMilliseconds, branch, stage, kind, detail));

    public void Attempt(string branch, string stage, string detail, AttemptRecord attempt) =>
        Add(new AttemptEvent(Now.TotalMilliseconds, branch, stage, detail, attempt));

    private void Add(TimelineEvent item)
    {
        lock (_sync)
        {
            _events.Add(item);
        }

        if (_onEvent is { } onEvent)
        {
            try
            {
                onEvent(item);
            }
#pragma warning disable CA1031 // A progress callback must never break a run.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    /// <summary>Records, once, that the run's deadline was reached; called by the first branch it stops.</summary>
    public void NoteDeadline(TimeSpan? deadline)
    {
        if (Interlocked.Exchange(ref _deadlineNoted, 1) == 0)
        {
            Event(TimelineEventKind.Deadline, detail: $"the run's deadline of {deadline} was reached");
        }
    }

    public void Record(BranchOutcome outcome)
    {
        lock (_sync)
        {
            _outcomes.Add(outcome);
            if (!_stageOrder.Contains(outcome.Stage))
            {
                _stageOrder.Add(outcome.Stage);
            }
        }
    }

    /// <summary>Every outcome, main stage first, then later stages in the order they ran, each in index order.</summary>
    public IReadOnlyList<BranchOutcome> Outcomes()
    {
        BranchOutcome[] sorted;
        string[] stages;
        lock (_sync)
        {
            sorted = [.. _outcomes];
            stages = [.. _stageOrder];
        }

        // Reports are built on every run: sort in place rather than through LINQ's key buffers.
        Array.Sort(sorted, (a, b) =>
        {
            int byStage = a.Stage == b.Stage ? 0 : Array.IndexOf(stages, a.Stage).CompareTo(Array.IndexOf(stages, b.Stage));
            return byStage != 0 ? byStage : a.Index.CompareTo(b.Index);
        });
        return sorted;
    }

    /// <summary>Every event so far, in time order: a snapshot, unaffected by events recorded later.</summary>
    public IReadOnlyList<TimelineEvent> Timeline()
    {
        lock (_sync)
        {
            // Events from different branches may be appended slightly out of time order; a stable sort, done in place once,
            // keeps same-time order. The report gets a read-only view of the events up to now, not a copy of each.
            for (int i = 1; i < _events.Count; i++)
            {
                if (_events[i].AtMs < _events[i - 1].AtMs)
                {
                    TimelineEvent[] sorted = [.. _events.OrderBy(e => e.AtMs)];
                    _events.Clear();
                    _events.AddRange(sorted);
                    break;
                }
            }

            return new TimelineSnapshot(_events, _events.Count);
        }
    }
}
