using Microsoft.Extensions.AI;

namespace Chorus.Journaling;

/// <summary>One finished branch as kept in an <see cref="IBranchJournal"/>: what it answered and what the answer cost.</summary>
/// <remarks>
/// <see cref="Response"/> is a <see cref="ChatResponse"/>, which is mutable: a journal hands out a fresh copy on every lookup
/// (see <see cref="JournalRecordJson"/>), so no two runs share one instance.
/// </remarks>
public sealed record JournalRecord
{
    /// <summary>Gets the branch's fingerprint: the request and its sample.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>Gets the request's cache key (the fingerprint without the sample), or <see langword="null"/> when the request is not deterministic.</summary>
    public string? CacheKey { get; init; }

    /// <summary>Gets the branch's label when it was recorded.</summary>
    public required string Label { get; init; }

    /// <summary>Gets the branch's stage when it was recorded.</summary>
    public string Stage { get; init; } = RunStages.Main;

    /// <summary>Gets the branch's index in its stage when it was recorded.</summary>
    public int Index { get; init; }

    /// <summary>Gets the response.</summary>
    public required ChatResponse Response { get; init; }

    /// <summary>Gets the tokens the branch was charged over all its attempts; what a replay saves.</summary>
    public UsageDetails? Usage { get; init; }

    /// <summary>Gets the model that answered.</summary>
    public string? Model { get; init; }

    /// <summary>Gets a value indicating whether the answer came from the branch's fallback client.</summary>
    public bool UsedFallback { get; init; }

    /// <summary>Gets how long the branch ran.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Gets when the branch was recorded.</summary>
    public DateTimeOffset RecordedAt { get; init; }
}
