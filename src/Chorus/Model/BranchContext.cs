using Microsoft.Extensions.AI;

namespace Chorus;

/// <summary>
/// The branch a call is being made for, visible to middleware below the runner (scheduler, resilience) so it can
/// report what it did on the branch's behalf: each HTTP attempt, time spent waiting for budget, 429s and hedges.
/// </summary>
/// <remarks>
/// <see cref="Current"/> flows with the async call (like <c>Activity.Current</c>); it is <see langword="null"/> outside a
/// runner. Thread-safe: a hedged call reports from two attempts at once. When middleware reports attempts, they replace
/// the runner's single record for the call, and the branch's usage is the sum of the attempts' usage, so middleware
/// must report the usage of the attempt that succeeded too.
/// </remarks>
public sealed class BranchContext
{
    private static readonly AsyncLocal<BranchContext?> CurrentContext = new();

    // Created by the first report: most branches have no middleware reporting, and this runs once per branch.
    private object? _sync;
    private readonly IRunTimeline _session;
    private List<ReportedAttempt>? _attempts;
    private TimeSpan _throttleWait;
    private int _http429;
    private int _hedges;
    private int _hedgesWon;

    internal BranchContext(IRunTimeline session, string label, string stage, int index, bool isSecondStage)
    {
        _session = session;
        Label = label;
        Stage = stage;
        Index = index;
        IsSecondStage = isSecondStage;
    }

    /// <summary>Gets the context of the branch the current call belongs to, or <see langword="null"/> outside a runner.</summary>
    public static BranchContext? Current => CurrentContext.Value;

    /// <summary>Gets the branch's label.</summary>
    public string Label { get; }

    /// <summary>Gets the branch's stage (<c>main</c>, <c>judge</c>, …).</summary>
    public string Stage { get; }

    /// <summary>Gets the branch's index within its stage.</summary>
    public int Index { get; }

    /// <summary>Gets a value indicating whether the branch belongs to a second stage (a judge or juror that unblocks a finished run), which schedulers may put first.</summary>
    public bool IsSecondStage { get; }

    /// <summary>Gets an identity of the run the branch belongs to, so a scheduler can take turns between runs.</summary>
    internal object RunKey => _session;

    /// <summary>Gets the time since the run started, on the run's clock; use it for the times passed to <see cref="RecordAttempt"/>.</summary>
    public TimeSpan Now => _session.Now;

    /// <summary>Records one attempt made for the branch.</summary>
    /// <param name="kind">What it was.</param>
    /// <param name="startedAt">When it started (<see cref="Now"/> at the start).</param>
    /// <param name="status">How it ended.</param>
    /// <param name="error">The error message, if it failed.</param>
    /// <param name="httpStatus">The HTTP status, if the provider answered.</param>
    /// <param name="usage">The tokens it was charged, reported or estimated; <see langword="null"/> when unknown.</param>
    public void RecordAttempt(AttemptKind kind, TimeSpan startedAt, AttemptStatus status, string? error = null, int? httpStatus = null, UsageDetails? usage = null)
    {
        TimeSpan finishedAt = _session.Now;
        int number;
        lock (Sync)
        {
            (_attempts ??= []).Add(new ReportedAttempt(kind, startedAt, finishedAt, status, error, httpStatus, usage));
            number = _attempts.Count;
            if (httpStatus == 429)
            {
                _http429++;
            }
        }

        _session.Attempt(
            Label,
            Stage,
            AttemptDetail(kind, status, httpStatus),
            new AttemptRecord(number, kind, startedAt, finishedAt, status, error, httpStatus, usage?.InputTokenCount, usage?.OutputTokenCount));
    }

    /// <summary>The people-facing text of an attempt event, for example <c>retry: error (HTTP 429)</c>.</summary>
    internal static string AttemptDetail(AttemptKind kind, AttemptStatus status, int? httpStatus) =>
        httpStatus is { } code ? $"{WireNames.Of(kind)}: {WireNames.Of(status)} (HTTP {code})" : $"{WireNames.Of(kind)}: {WireNames.Of(status)}";

    /// <summary>Records time the branch spent waiting for the provider's budget (rate limits), not in flight.</summary>
    /// <param name="wait">How long it waited.</param>
    /// <param name="reason">Why, for the timeline (for example <c>tokens/min</c> or <c>retry-after</c>).</param>
    public void RecordThrottleWait(TimeSpan wait, string reason)
    {
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        lock (Sync)
        {
            _throttleWait += wait;
        }

        _session.Event(TimelineEventKind.Throttled, Label, Stage, $"{wait.TotalMilliseconds:0} ms: {reason}");
    }

    /// <summary>Records that a hedged attempt was launched, and later whether it won.</summary>
    /// <param name="won"><see langword="true"/> when recording that the hedge's answer was used.</param>
    public void RecordHedge(bool won)
    {
        lock (Sync)
        {
            if (won)
            {
                _hedgesWon++;
            }
            else
            {
                _hedges++;
            }
        }

        _session.Event(won ? TimelineEventKind.HedgeWon : TimelineEventKind.Hedge, Label, Stage);
    }

    /// <summary>Adds an event to the run's timeline.</summary>
    /// <param name="kind">What happened, for example <see cref="TimelineEventKind.CircuitOpen"/>.</param>
    /// <param name="detail">A short explanation for people.</param>
    public void RecordEvent(TimelineEventKind kind, string? detail = null) => _session.Event(kind, Label, Stage, detail);

    internal static BranchContext? Swap(BranchContext? context)
    {
        BranchContext? previous = CurrentContext.Value;
        CurrentContext.Value = context;
        return previous;
    }

    /// <summary>Gets the attempts reported from <paramref name="start"/> on.</summary>
    internal List<ReportedAttempt>? AttemptsSince(int start)
    {
        if (Volatile.Read(ref _sync) is null)
        {
            return null;
        }

        lock (Sync)
        {
            return _attempts is { } all && all.Count > start ? all.GetRange(start, all.Count - start) : null;
        }
    }

    private object Sync => Volatile.Read(ref _sync) ?? LazyInitializer.EnsureInitialized(ref _sync);

    internal int AttemptCount
    {
        get
        {
            if (Volatile.Read(ref _sync) is null)
            {
                return 0;
            }

            lock (Sync)
            {
                return _attempts?.Count ?? 0;
            }
        }
    }

    internal BranchCounters Snapshot()
    {
        if (Volatile.Read(ref _sync) is null)
        {
            return BranchCounters.None;
        }

        lock (Sync)
        {
            return _throttleWait == TimeSpan.Zero && _http429 == 0 && _hedges == 0 && _hedgesWon == 0
                ? BranchCounters.None
                : new BranchCounters(_throttleWait, _http429, _hedges, _hedgesWon);
        }
    }
}
