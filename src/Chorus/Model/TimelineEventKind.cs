using System.Text.Json.Serialization;

namespace Chorus;

/// <summary>What a <see cref="TimelineEvent"/> records. Serialized as its snake_case name (<c>first_token</c>, <c>hedge_won</c>, …).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TimelineEventKind>))]
public enum TimelineEventKind
{
    /// <summary>A branch was queued for a worker. (<c>queued</c>)</summary>
    [JsonStringEnumMemberName("queued")]
    Queued,

    /// <summary>A branch started. (<c>started</c>)</summary>
    [JsonStringEnumMemberName("started")]
    Started,

    /// <summary>A streamed branch received its first token. (<c>first_token</c>)</summary>
    [JsonStringEnumMemberName("first_token")]
    FirstToken,

    /// <summary>An attempt ended; the event is an <see cref="AttemptEvent"/>, which says which, how, and what it cost. (<c>attempt</c>)</summary>
    [JsonStringEnumMemberName("attempt")]
    Attempt,

    /// <summary>A branch moved to its fallback client. (<c>fallback</c>)</summary>
    [JsonStringEnumMemberName("fallback")]
    Fallback,

    /// <summary>A branch succeeded. (<c>succeeded</c>)</summary>
    [JsonStringEnumMemberName("succeeded")]
    Succeeded,

    /// <summary>A branch failed. (<c>failed</c>)</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>A branch ran out of time. (<c>timed_out</c>)</summary>
    [JsonStringEnumMemberName("timed_out")]
    TimedOut,

    /// <summary>A branch (or, with no branch, the run) was cancelled. (<c>cancelled</c>)</summary>
    [JsonStringEnumMemberName("cancelled")]
    Cancelled,

    /// <summary>A branch was never started. (<c>skipped</c>)</summary>
    [JsonStringEnumMemberName("skipped")]
    Skipped,

    /// <summary>The answer was settled; the rest of the run is cancelled. (<c>settled</c>)</summary>
    [JsonStringEnumMemberName("settled")]
    Settled,

    /// <summary>The failure policy can no longer be met. (<c>policy_failed</c>)</summary>
    [JsonStringEnumMemberName("policy_failed")]
    PolicyFailed,

    /// <summary>The run's deadline was reached. (<c>deadline</c>)</summary>
    [JsonStringEnumMemberName("deadline")]
    Deadline,

    /// <summary>A branch was answered from the journal, with no call. (<c>replayed</c>)</summary>
    [JsonStringEnumMemberName("replayed")]
    Replayed,

    /// <summary>The journal failed to look up or record a branch; the run went on. (<c>journal_error</c>)</summary>
    [JsonStringEnumMemberName("journal_error")]
    JournalError,

    /// <summary>A branch waited for the provider's budget (rate limits), not in flight. (<c>throttled</c>)</summary>
    [JsonStringEnumMemberName("throttled")]
    Throttled,

    /// <summary>A branch will wait for the provider's budget; the detail says until when and what the provider asked for. (<c>waiting</c>)</summary>
    [JsonStringEnumMemberName("waiting")]
    Waiting,

    /// <summary>A branch stopped retrying because the provider asked for a wait past the retry time. (<c>gave_up</c>)</summary>
    [JsonStringEnumMemberName("gave_up")]
    GaveUp,

    /// <summary>A branch waits for the run's spend cap: in-flight branches must release their reservations first. (<c>cap_wait</c>)</summary>
    [JsonStringEnumMemberName("cap_wait")]
    CapWait,

    /// <summary>A hedged attempt was launched. (<c>hedge</c>)</summary>
    [JsonStringEnumMemberName("hedge")]
    Hedge,

    /// <summary>A hedged attempt's answer was used. (<c>hedge_won</c>)</summary>
    [JsonStringEnumMemberName("hedge_won")]
    HedgeWon,

    /// <summary>The endpoint's circuit opened: calls fail fast for a while. (<c>circuit_open</c>)</summary>
    [JsonStringEnumMemberName("circuit_open")]
    CircuitOpen,

    /// <summary>The circuit was open, so the fallback client was used. (<c>circuit_fallback</c>)</summary>
    [JsonStringEnumMemberName("circuit_fallback")]
    CircuitFallback,

    /// <summary>The aggregator could not decide. (<c>aggregation_failed</c>)</summary>
    [JsonStringEnumMemberName("aggregation_failed")]
    AggregationFailed,

    /// <summary>The aggregator decided. (<c>decided</c>)</summary>
    [JsonStringEnumMemberName("decided")]
    Decided,
}
