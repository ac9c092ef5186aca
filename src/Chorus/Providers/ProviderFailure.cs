namespace Chorus.Providers;

/// <summary>A failed provider call in Chorus's terms, whatever client raised it: its kind, HTTP status and rate-limit signals.</summary>
/// <param name="Kind">What kind of failure it was.</param>
/// <param name="StatusCode">The HTTP status code, or <see langword="null"/> when the provider never answered.</param>
/// <param name="RateLimits">The rate-limit headers of the failed response (<see cref="RateLimitSignals.RetryAfter"/> is the retry hint);
/// <see langword="null"/> means none.</param>
/// <remarks>Produced by a <see cref="ProviderFailureClassifier"/>; immutable.</remarks>
public sealed record ProviderFailure(ProviderErrorKind Kind, int? StatusCode = null, RateLimitSignals? RateLimits = null)
{
    /// <summary>Gets the provider's error code (<c>insufficient_quota</c>, <c>rate_limit_exceeded</c>), when known.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Gets a note for the report when the client that failed retries on its own before Chorus sees the failure (so the
    /// provider saw more attempts than Chorus reports, and their tokens are unknown), saying how to turn those retries off;
    /// <see langword="null"/> when it does not.</summary>
    public string? ClientRetries { get; init; }

    /// <summary>Gets how long the provider asked to wait before retrying, or <see langword="null"/>.</summary>
    public TimeSpan? RetryAfter => RateLimits?.RetryAfter;

    /// <summary>Gets a value indicating whether retrying may succeed.</summary>
    public bool IsTransient => IsTransientKind(Kind);

    /// <summary>Gets a value indicating whether the failure says the endpoint is unwell (5xx, timeouts, resets, malformed answers),
    /// as opposed to rate limits, quotas and invalid requests or configuration.</summary>
    public bool IsEndpointFailure => Kind is ProviderErrorKind.ServerError or ProviderErrorKind.Timeout
        or ProviderErrorKind.ConnectionFailed or ProviderErrorKind.MalformedResponse;

    /// <summary>Maps an HTTP status (and the provider's error code, when known) to a failure.</summary>
    /// <param name="status">The HTTP status code.</param>
    /// <param name="rateLimits">The response's rate-limit signals, or <see langword="null"/>.</param>
    /// <param name="errorCode">The error's <c>code</c> or <c>type</c>, or <see langword="null"/>.</param>
    /// <returns>The failure: 3xx a redirect, 429 a rate limit (a quota when the code is <c>insufficient_quota</c>), 401/403 refused
    /// credentials, 408 a timeout, other 4xx an invalid request, anything else a server error.</returns>
    public static ProviderFailure FromStatus(int status, RateLimitSignals? rateLimits = null, string? errorCode = null) =>
        new(KindOf(status, errorCode), status, rateLimits) { ErrorCode = errorCode };

    /// <summary>Maps an HTTP status and error code to a kind of failure.</summary>
    /// <param name="status">The HTTP status code.</param>
    /// <param name="errorCode">The error's <c>code</c> or <c>type</c>, or <see langword="null"/>.</param>
    /// <returns>The kind.</returns>
    public static ProviderErrorKind KindOf(int status, string? errorCode = null) => status switch
    {
        >= 300 and < 400 => ProviderErrorKind.Redirected,
        429 when string.Equals(errorCode, ProviderConstants.InsufficientQuota, StringComparison.OrdinalIgnoreCase) => ProviderErrorKind.QuotaExceeded,
        429 => ProviderErrorKind.RateLimited,
        401 or 403 => ProviderErrorKind.Unauthorized,
        408 => ProviderErrorKind.Timeout,
        >= 400 and < 500 => ProviderErrorKind.BadRequest,
        _ => ProviderErrorKind.ServerError,
    };

    /// <summary>Whether a failure of <paramref name="kind"/> may succeed when retried.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns><see langword="false"/> for invalid requests, refused credentials, exhausted quotas and redirects.</returns>
    public static bool IsTransientKind(ProviderErrorKind kind) =>
        kind is not (ProviderErrorKind.BadRequest or ProviderErrorKind.Unauthorized or ProviderErrorKind.QuotaExceeded or ProviderErrorKind.Redirected);
}
