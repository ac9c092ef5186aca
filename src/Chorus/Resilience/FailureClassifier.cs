using System.Net.Http;
using Chorus.Providers;

namespace Chorus.Resilience;

/// <summary>How a failed attempt is reported. What a failure means (retry, circuit) is decided by <see cref="ProviderFailureClassifier"/>.</summary>
internal static class FailureClassifier
{
    /// <summary>The attempt status for the report: timeout, cancelled or error.</summary>
    public static AttemptStatus Status(Exception exception, bool cancelled, ProviderFailure? failure = null) =>
        cancelled ? AttemptStatus.Cancelled
        : exception is TimeoutException || exception is ChatProviderException { Kind: ProviderErrorKind.Timeout }
            || (failure is { Kind: ProviderErrorKind.Timeout } && exception is not OperationCanceledException) ? AttemptStatus.Timeout
        : AttemptStatus.Error;

    /// <summary>The error text for the report: the message, and when the client retried on its own, a note saying so.</summary>
    public static string Describe(Exception exception, ProviderFailure? failure) =>
        failure?.ClientRetries is { } note ? $"{exception.Message} [{note}]" : exception.Message;
}
