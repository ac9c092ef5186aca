using System.Net.Http;
using Chorus.Providers;

namespace Chorus.Resilience;

/// <summary>Decides what a failed attempt means: worth retrying, a sign the endpoint is failing, and how to report it.</summary>
internal static class FailureClassifier
{
    /// <summary>Whether retrying may succeed. The caller's cancellation never is.</summary>
    public static bool IsRetryable(Exception exception, CancellationToken callerToken) =>
        !callerToken.IsCancellationRequested && exception switch
        {
            ChatProviderException provider => provider.IsTransient,
            TimeoutException or HttpRequestException or IOException => true,

            // Cancellation the caller did not ask for is a transport giving up (an HttpClient timeout).
            OperationCanceledException => true,
            _ => false,
        };

    /// <summary>Whether the failure says the endpoint is unwell (counts toward opening its circuit). Rate limits and invalid requests do not.</summary>
    public static bool IsEndpointFailure(Exception exception, CancellationToken callerToken) =>
        !callerToken.IsCancellationRequested && exception switch
        {
            ChatProviderException provider => provider.Kind is ProviderErrorKind.ServerError or ProviderErrorKind.Timeout
                or ProviderErrorKind.ConnectionFailed or ProviderErrorKind.MalformedResponse,
            TimeoutException or HttpRequestException or IOException or OperationCanceledException => true,
            _ => false,
        };

    /// <summary>The attempt status for the report: timeout, cancelled or error.</summary>
    public static AttemptStatus Status(Exception exception, bool cancelled) =>
        cancelled ? AttemptStatus.Cancelled
        : exception is TimeoutException || exception is ChatProviderException { Kind: ProviderErrorKind.Timeout } ? AttemptStatus.Timeout
        : AttemptStatus.Error;
}
