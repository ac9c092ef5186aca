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
}
