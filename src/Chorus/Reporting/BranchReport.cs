namespace Chorus.Reporting;

/// <summary>One branch as written in the run report (times in milliseconds from the start of the run).</summary>
public sealed record BranchReport
{
    /// <summary>Gets the branch's index within its stage.</summary>
    public required int Index { get; init; }

    /// <summary>Gets the branch's label.</summary>
    public required string Label { get; init; }

    /// <summary>Gets the stage that ran it: <c>main</c>, or the aggregator's stage such as <c>judge</c>.</summary>
    public required string Stage { get; init; }

    /// <summary>Gets how it ended: <c>succeeded</c>, <c>failed</c>, <c>timed_out</c>, <c>cancelled</c> or <c>skipped</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Gets the model that answered, when known.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the number of calls made for the branch.</summary>
    public int Attempts { get; init; }

    /// <summary>Gets the input tokens charged, over all attempts.</summary>
    public long InputTokens { get; init; }

    /// <summary>Gets the output tokens charged, over all attempts.</summary>
    public long OutputTokens { get; init; }

    /// <summary>Gets a value indicating whether the tokens are an estimate: the call was cancelled before the provider reported usage.</summary>
    public bool TokensEstimated { get; init; }

    /// <summary>Gets a value indicating whether the provider's usage was missing or absurd (negative, not a number, implausibly large), so the tokens are an estimate.</summary>
    public bool UsageUnknown { get; init; }

    /// <summary>Gets a value indicating whether the run let the branch go because it no longer needed it (the answer was settled,
    /// a guard vetoed, or a sibling failed fast): a normal end, shown as "stopped early", not an error.</summary>
    public bool StoppedEarly { get; init; }

    /// <summary>Gets the cost, or <see langword="null"/> when the model's price is unknown.</summary>
    public decimal? Cost { get; init; }

    /// <summary>Gets the error message when the branch did not succeed.</summary>
    public string? Error { get; init; }

    /// <summary>Gets when the branch was queued.</summary>
    public double QueuedMs { get; init; }

    /// <summary>Gets when its first call started, or <see langword="null"/> if it never started.</summary>
    public double? StartMs { get; init; }

    /// <summary>Gets when the first streamed content arrived, when streaming.</summary>
    public double? FirstTokenMs { get; init; }

    /// <summary>Gets when the branch finished.</summary>
    public double EndMs { get; init; }

    /// <summary>Gets the time from its first call's start to its end.</summary>
    public double DurationMs { get; init; }

    /// <summary>Gets the time spent waiting for a concurrency slot.</summary>
    public double QueueWaitMs { get; init; }

    /// <summary>Gets the time spent waiting for the provider's budget (rate limits) rather than in flight.</summary>
    public double ThrottleWaitMs { get; init; }

    /// <summary>Gets the time at least one of its attempts was in flight (the union of the attempts' intervals): with
    /// <see cref="ThrottleWaitMs"/> it explains where the branch's time went.</summary>
    public double InFlightMs { get; init; }

    /// <summary>Gets the number of HTTP 429 answers received.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("http_429")]
    public int Http429 { get; init; }

    /// <summary>Gets the number of attempts beyond the first call that were retries.</summary>
    public int Retries { get; init; }

    /// <summary>Gets the number of hedged attempts launched.</summary>
    public int Hedges { get; init; }

    /// <summary>Gets the number of hedged attempts whose answer was used.</summary>
    public int HedgesWon { get; init; }

    /// <summary>Gets the tokens charged for attempts whose answer was not used (failed, cancelled, hedge losers).</summary>
    public long WastedTokens { get; init; }

    /// <summary>Gets a value indicating whether the answer came from the fallback client.</summary>
    public bool UsedFallback { get; init; }

    /// <summary>Gets where a replayed answer came from, <c>journal</c> or <c>cache</c>; <see langword="null"/> when the branch called its client.</summary>
    public string? Replayed { get; init; }

    /// <summary>Gets the tokens a replay saved (what the recorded answer first cost); 0 when not replayed.</summary>
    public long SavedTokens { get; init; }

    /// <summary>Gets the response text, when there is one.</summary>
    public string? Text { get; init; }

    /// <summary>Gets every attempt, in order.</summary>
    public IReadOnlyList<AttemptReport> AttemptLog { get; init; } = [];
}
