namespace Chorus.Reporting;

/// <summary>The account of one run: time, tokens, cost, failures, the decision and a timeline. Serializable to JSON with <see cref="RunReportJson"/>.</summary>
/// <remarks>Times are in milliseconds. Branches of every stage are included: the plan's own and any second stage (judges, jurors).</remarks>
public sealed record RunReport
{
    /// <summary>Gets the plan's name.</summary>
    public required string Scenario { get; init; }

    /// <summary>Gets the aggregator's name.</summary>
    public required string Strategy { get; init; }

    /// <summary>Gets the failure policy, for example <c>quorum(3)</c>.</summary>
    public required string FailurePolicy { get; init; }

    /// <summary>Gets <c>ok</c> when the run produced a result, or <c>failed</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Gets why the run failed, when it did.</summary>
    public string? Error { get; init; }

    /// <summary>Gets the run's wall-clock time.</summary>
    public double WallMs { get; init; }

    /// <summary>Gets the sum of the branches' durations: how long the same calls would take one after another.</summary>
    public double SequentialMs { get; init; }

    /// <summary>Gets <see cref="SequentialMs"/> divided by <see cref="WallMs"/>; 1 when nothing ran.</summary>
    public double Speedup { get; init; }

    /// <summary>Gets the wall-clock time saved versus running the branches one after another.</summary>
    public double SavedMs { get; init; }

    /// <summary>Gets the total time branches spent waiting for a concurrency slot.</summary>
    public double QueueWaitMs { get; init; }

    /// <summary>Gets the input tokens charged, over every branch and attempt.</summary>
    public long InputTokens { get; init; }

    /// <summary>Gets the output tokens charged, over every branch and attempt.</summary>
    public long OutputTokens { get; init; }

    /// <summary>Gets the total tokens charged.</summary>
    public long TotalTokens { get; init; }

    /// <summary>Gets the total tokens divided by the mean tokens of one successful call: what the run cost compared with a single call.
    /// <see langword="null"/> when no call succeeded.</summary>
    public double? TokenMultiplier { get; init; }

    /// <summary>Gets the total cost, or <see langword="null"/> when any branch's model has no price (unknown is never reported as zero).</summary>
    public decimal? Cost { get; init; }

    /// <summary>Gets the number of calls made, over every branch.</summary>
    public int Attempts { get; init; }

    /// <summary>Gets the number of calls beyond each branch's first.</summary>
    public int Retries { get; init; }

    /// <summary>Gets the number of HTTP 429 answers received, over every branch.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("http_429")]
    public int Http429 { get; init; }

    /// <summary>Gets the number of hedged attempts launched.</summary>
    public int Hedges { get; init; }

    /// <summary>Gets the number of hedged attempts whose answer was used.</summary>
    public int HedgesWon { get; init; }

    /// <summary>Gets the tokens charged for attempts whose answer was not used (failed, cancelled, hedge losers).</summary>
    public long WastedTokens { get; init; }

    /// <summary>Gets the total time branches spent waiting for the provider's budget rather than in flight.</summary>
    public double ThrottleWaitMs { get; init; }

    /// <summary>Gets the total time branches had an attempt in flight (each branch's attempts' intervals merged).</summary>
    public double InFlightMs { get; init; }

    /// <summary>Gets the number of branches that succeeded.</summary>
    public int Succeeded { get; init; }

    /// <summary>Gets the number of branches that failed or timed out.</summary>
    public int Failed { get; init; }

    /// <summary>Gets the number of branches cancelled or skipped because the run no longer needed them.</summary>
    public int Cancelled { get; init; }

    /// <summary>Gets the number of branches replayed from the journal (a resumed or repeated run) instead of called.</summary>
    public int Replayed { get; init; }

    /// <summary>Gets the number of branches answered from the journal's cache of deterministic requests (cache mode).</summary>
    public int CacheHits { get; init; }

    /// <summary>Gets the tokens not spent thanks to replays and cache hits: what those answers cost when they were first paid for. Not part of <see cref="TotalTokens"/>.</summary>
    public long SavedTokens { get; init; }

    /// <summary>Gets the cost not spent thanks to replays and cache hits, or <see langword="null"/> when a model has no price.</summary>
    public decimal? SavedCost { get; init; }

    /// <summary>Gets the number of journal lookups or writes that failed (each a <c>journal_error</c> event); the run carried on without them.</summary>
    public int JournalErrors { get; init; }

    /// <summary>Gets the labels of the branches whose usage the provider left missing or reported absurdly; their tokens are estimates (and caps counted them so).</summary>
    public IReadOnlyList<string> UsageUnknown { get; init; } = [];

    /// <summary>Gets the pre-flight estimate beside the actuals; <see langword="null"/> for runs of bare branches.</summary>
    public EstimateReport? Estimate { get; init; }

    /// <summary>Gets the spend cap and the branches it skipped; <see langword="null"/> when the run had no cap.</summary>
    public SpendCapReport? SpendCap { get; init; }

    /// <summary>Gets what the aggregator decided and on what evidence; <see langword="null"/> when the run failed before deciding.</summary>
    public AggregationDecision? Decision { get; init; }

    /// <summary>Gets every branch, main stage first, each stage in index order.</summary>
    public IReadOnlyList<BranchReport> Branches { get; init; } = [];

    /// <summary>Gets every event of the run in time order.</summary>
    public IReadOnlyList<TimelineEvent> Timeline { get; init; } = [];
}
