namespace Chorus.Providers;

/// <summary>What kind of failure a provider call had; decides whether it is worth retrying.</summary>
public enum ProviderErrorKind
{
    /// <summary>The provider refused for rate limits (HTTP 429). Transient: retry after <see cref="ChatProviderException.RetryAfter"/>.</summary>
    RateLimited,

    /// <summary>The provider failed (HTTP 5xx). Transient.</summary>
    ServerError,

    /// <summary>No answer in time. Transient.</summary>
    Timeout,

    /// <summary>The connection could not be made or was reset. Transient.</summary>
    ConnectionFailed,

    /// <summary>The provider answered with something that is not a valid response: malformed JSON, no choices, a truncated stream. Transient.</summary>
    MalformedResponse,

    /// <summary>The request was rejected as invalid (HTTP 400, 404, 422). Retrying will not help.</summary>
    BadRequest,

    /// <summary>The credentials were missing or refused (HTTP 401, 403). Retrying will not help.</summary>
    Unauthorized,

    /// <summary>The account's quota or credit is used up (HTTP 429 with <c>insufficient_quota</c>). Not a rate limit: no budget comes
    /// back with time, so retrying will not help and the run fails fast.</summary>
    QuotaExceeded,

    /// <summary>The endpoint answered with a redirect (HTTP 3xx): a configuration error (wrong scheme, host or path). Never retried.</summary>
    Redirected,
}
