using System.Net.Http;
using System.Net.Sockets;

namespace Chorus.Providers;

/// <summary>
/// Maps the failures of any client to Chorus's kinds of failure (<see cref="ProviderFailure"/>), so the scheduler backs off on a 429
/// and resilience retries, fails fast or opens the circuit whichever client raised it.
/// </summary>
/// <remarks>
/// <para>Built in: <see cref="ChatProviderException"/> (Chorus's own adapters), <see cref="HttpRequestException"/> with its
/// <see cref="HttpRequestException.StatusCode"/> (a connection failure without one), <see cref="TimeoutException"/>,
/// <see cref="IOException"/> and <see cref="SocketException"/> (resets), and an <see cref="OperationCanceledException"/> the caller did
/// not ask for (a transport's timeout). Other clients plug in a <see cref="ProviderFailureMapper"/> with <see cref="With"/>: the
/// official OpenAI SDK's is <c>Chorus.OpenAI.OpenAIFailures.Classifier</c>. The exception and then each inner exception is offered
/// to the added mappers (the latest first), then to the built-in rules; the first answer wins. An exception nobody recognises is
/// not a provider failure: it is not retried.</para>
/// <para>Immutable and thread-safe: <see cref="With"/> returns a new classifier. Hand it to the pipeline with
/// <see cref="ProviderFailureExtensions.WithFailureClassifier"/> below the scheduler, where the scheduler and resilience find it.</para>
/// </remarks>
public sealed class ProviderFailureClassifier
{
    private readonly ProviderFailureMapper[] _mappers;

    private ProviderFailureClassifier(ProviderFailureMapper[] mappers)
    {
        _mappers = mappers;
    }

    /// <summary>Gets the classifier with the built-in rules only.</summary>
    public static ProviderFailureClassifier Default { get; } = new([]);

    /// <summary>Returns a classifier that also asks <paramref name="mapper"/>, before the mappers already added and the built-in rules.</summary>
    /// <param name="mapper">The mapper for one kind of client.</param>
    /// <returns>A new classifier; this one is unchanged.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="mapper"/> is <see langword="null"/>.</exception>
    public ProviderFailureClassifier With(ProviderFailureMapper mapper)
    {
        ArgumentNullException.ThrowIfNull(mapper);
        return new([mapper, .. _mappers]);
    }

    /// <summary>Classifies a failure.</summary>
    /// <param name="exception">What the client threw.</param>
    /// <returns>The failure, or <see langword="null"/> when it is not a recognised provider failure (a bug, an argument error).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="exception"/> is <see langword="null"/>.</exception>
    public ProviderFailure? Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            foreach (ProviderFailureMapper mapper in _mappers)
            {
                if (mapper(current) is { } mapped)
                {
                    return mapped;
                }
            }

            if (BuiltIn(current) is { } failure)
            {
                return failure;
            }
        }

        return null;
    }

    /// <summary>Whether retrying may succeed. The caller's cancellation never is.</summary>
    internal bool IsRetryable(Exception exception, CancellationToken callerToken) =>
        !callerToken.IsCancellationRequested && Classify(exception) is { IsTransient: true };

    /// <summary>Whether the failure says the endpoint is unwell (counts toward opening its circuit).</summary>
    internal bool IsEndpointFailure(Exception exception, CancellationToken callerToken) =>
        !callerToken.IsCancellationRequested && Classify(exception) is { IsEndpointFailure: true };

    private static ProviderFailure? BuiltIn(Exception exception) => exception switch
    {
        ChatProviderException provider => new ProviderFailure(provider.Kind, provider.StatusCode, provider.RateLimits)
        {
            ErrorCode = provider.Kind == ProviderErrorKind.QuotaExceeded ? ProviderConstants.InsufficientQuota : null,
        },
        HttpRequestException { StatusCode: { } status } => ProviderFailure.FromStatus((int)status),
        HttpRequestException or IOException or SocketException => new ProviderFailure(ProviderErrorKind.ConnectionFailed),
        TimeoutException or OperationCanceledException => new ProviderFailure(ProviderErrorKind.Timeout),
        _ => null,
    };
}
