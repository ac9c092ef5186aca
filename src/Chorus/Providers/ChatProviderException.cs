namespace Chorus.Providers;

/// <summary>A provider call failed; carries the HTTP status, the provider's error body and its retry hint.</summary>
/// <remarks>Adapters throw this so that the core can decide on retries and back-off without knowing the transport. It never carries the API key.</remarks>
public sealed class ChatProviderException : Exception
{
    /// <summary>Initializes a new instance with no details.</summary>
    public ChatProviderException()
        : this("The provider call failed.")
    {
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">What went wrong.</param>
    public ChatProviderException(string message)
        : this(message, ProviderErrorKind.ServerError)
    {
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying error.</param>
    public ChatProviderException(string message, Exception? innerException)
        : this(message, ProviderErrorKind.ServerError, innerException: innerException)
    {
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">What went wrong, naming the endpoint and what to fix.</param>
    /// <param name="kind">What kind of failure it was.</param>
    /// <param name="statusCode">The HTTP status code, when the provider answered.</param>
    /// <param name="errorBody">The provider's error body, when it sent one.</param>
    /// <param name="rateLimits">The rate-limit headers of the failed response; <see cref="RateLimitSignals.RetryAfter"/> is the retry hint.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public ChatProviderException(
        string message,
        ProviderErrorKind kind,
        int? statusCode = null,
        string? errorBody = null,
        RateLimitSignals? rateLimits = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        StatusCode = statusCode;
        ErrorBody = errorBody;
        RateLimits = rateLimits ?? RateLimitSignals.Empty;
    }

    /// <summary>Gets what kind of failure it was.</summary>
    public ProviderErrorKind Kind { get; }

    /// <summary>Gets the HTTP status code, or <see langword="null"/> when the provider never answered.</summary>
    public int? StatusCode { get; }

    /// <summary>Gets the provider's error body, or <see langword="null"/>.</summary>
    public string? ErrorBody { get; }

    /// <summary>Gets the rate-limit headers of the failed response.</summary>
    public RateLimitSignals RateLimits { get; }

    /// <summary>Gets how long the provider asked us to wait before retrying, or <see langword="null"/>.</summary>
    public TimeSpan? RetryAfter => RateLimits.RetryAfter;

    /// <summary>Gets a value indicating whether retrying may succeed.</summary>
    public bool IsTransient => ProviderFailure.IsTransientKind(Kind);
}
