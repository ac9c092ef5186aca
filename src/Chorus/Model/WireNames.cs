using System.Collections.Frozen;

namespace Chorus;

/// <summary>The wire names of the run vocabulary (as JSON, timelines, telemetry and HTML write them), in one place.</summary>
public static class WireNames
{
    private static readonly FrozenDictionary<TimelineEventKind, string> EventNames = new Dictionary<TimelineEventKind, string>
    {
        [TimelineEventKind.Queued] = "queued",
        [TimelineEventKind.Started] = "started",
        [TimelineEventKind.FirstToken] = "first_token",
        [TimelineEventKind.Attempt] = "attempt",
        [TimelineEventKind.Fallback] = "fallback",
        [TimelineEventKind.Succeeded] = "succeeded",
        [TimelineEventKind.Failed] = "failed",
        [TimelineEventKind.TimedOut] = "timed_out",
        [TimelineEventKind.Cancelled] = "cancelled",
        [TimelineEventKind.Skipped] = "skipped",
        [TimelineEventKind.Settled] = "settled",
        [TimelineEventKind.PolicyFailed] = "policy_failed",
        [TimelineEventKind.Deadline] = "deadline",
        [TimelineEventKind.Replayed] = "replayed",
        [TimelineEventKind.JournalError] = "journal_error",
        [TimelineEventKind.Throttled] = "throttled",
        [TimelineEventKind.Waiting] = "waiting",
        [TimelineEventKind.GaveUp] = "gave_up",
        [TimelineEventKind.CapWait] = "cap_wait",
        [TimelineEventKind.Hedge] = "hedge",
        [TimelineEventKind.HedgeWon] = "hedge_won",
        [TimelineEventKind.CircuitOpen] = "circuit_open",
        [TimelineEventKind.CircuitFallback] = "circuit_fallback",
        [TimelineEventKind.AggregationFailed] = "aggregation_failed",
        [TimelineEventKind.Decided] = "decided",
    }.ToFrozenDictionary();

    /// <summary>Gets the wire name of an event kind, for example <c>first_token</c>.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>Its snake_case name.</returns>
    public static string Of(TimelineEventKind kind) => EventNames.TryGetValue(kind, out string? name) ? name : kind.ToString();

    /// <summary>Gets the wire name of an attempt kind: <c>call</c>, <c>retry</c>, <c>hedge</c> or <c>fallback</c>.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>Its name.</returns>
    public static string Of(AttemptKind kind) => kind switch
    {
        AttemptKind.Call => "call",
        AttemptKind.Retry => "retry",
        AttemptKind.Hedge => "hedge",
        _ => "fallback",
    };

    /// <summary>Gets the wire name of an attempt status: <c>ok</c>, <c>error</c>, <c>timeout</c> or <c>cancelled</c>.</summary>
    /// <param name="status">The status.</param>
    /// <returns>Its name.</returns>
    public static string Of(AttemptStatus status) => status switch
    {
        AttemptStatus.Ok => "ok",
        AttemptStatus.Error => "error",
        AttemptStatus.Timeout => "timeout",
        _ => "cancelled",
    };

    /// <summary>Gets the wire name of a branch status: <c>succeeded</c>, <c>failed</c>, <c>timed_out</c>, <c>cancelled</c> or <c>skipped</c>.</summary>
    /// <param name="status">The status.</param>
    /// <returns>Its name.</returns>
    public static string Of(BranchStatus status) => status switch
    {
        BranchStatus.Succeeded => "succeeded",
        BranchStatus.Failed => "failed",
        BranchStatus.TimedOut => "timed_out",
        BranchStatus.Cancelled => "cancelled",
        _ => "skipped",
    };

    /// <summary>Gets the timeline event that records a branch ending with a status.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The event kind.</returns>
    public static TimelineEventKind EventOf(BranchStatus status) => status switch
    {
        BranchStatus.Succeeded => TimelineEventKind.Succeeded,
        BranchStatus.Failed => TimelineEventKind.Failed,
        BranchStatus.TimedOut => TimelineEventKind.TimedOut,
        BranchStatus.Cancelled => TimelineEventKind.Cancelled,
        _ => TimelineEventKind.Skipped,
    };
}
