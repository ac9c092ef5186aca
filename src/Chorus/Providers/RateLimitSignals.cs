namespace Chorus.Providers;

/// <summary>The rate-limit state a provider reported on a response, read from its <c>x-ratelimit-*</c> and <c>retry-after</c> headers.</summary>
/// <param name="LimitRequests">The requests allowed per window (<c>x-ratelimit-limit-requests</c>).</param>
/// <param name="RemainingRequests">The requests left in the window (<c>x-ratelimit-remaining-requests</c>).</param>
/// <param name="ResetRequests">When the request budget is full again (<c>x-ratelimit-reset-requests</c>).</param>
/// <param name="LimitTokens">The tokens allowed per window (<c>x-ratelimit-limit-tokens</c>).</param>
/// <param name="RemainingTokens">The tokens left in the window (<c>x-ratelimit-remaining-tokens</c>).</param>
/// <param name="ResetTokens">When the token budget is full again (<c>x-ratelimit-reset-tokens</c>).</param>
/// <param name="RetryAfter">How long to wait before retrying (<c>retry-after-ms</c>, else <c>retry-after</c>).</param>
/// <remarks>Every value is <see langword="null"/> when the provider did not send it; transport-neutral so the core can schedule on it without knowing HTTP.</remarks>
public sealed record RateLimitSignals(
    long? LimitRequests = null,
    long? RemainingRequests = null,
    TimeSpan? ResetRequests = null,
    long? LimitTokens = null,
    long? RemainingTokens = null,
    TimeSpan? ResetTokens = null,
    TimeSpan? RetryAfter = null)
{
    /// <summary>Gets a value indicating whether the provider sent any rate-limit signal at all.</summary>
    public bool IsEmpty => this == Empty;

    /// <summary>Gets an instance with no signals.</summary>
    public static RateLimitSignals Empty { get; } = new();
}
