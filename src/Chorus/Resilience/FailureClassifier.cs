namespace Chorus;

/// <summary>How a failed attempt is reported. What a failure means (retry, circuit) is decided by <see cref="ProviderFailureClassifier"/>.</summary>
internal static class FailureClassifier
{
    /// <summary>The attempt status for the report: <c>timeout</c>, <c>cancelled</c> or <c>error</c>.</summary>
    public static string Status(Exception exception, bool cancelled, ProviderFailure? failure = null) =>
        cancelled ? "cancelled"
        : exception is TimeoutException || exception is ChatProviderException { Kind: ProviderErrorKind.Timeout }
            || (failure is { Kind: ProviderErrorKind.Timeout } && exception is not OperationCanceledException) ? "timeout"
        : "error";

    /// <summary>The error text for the report: the message, and when the client retried on its own, a note saying so.</summary>
    public static string Describe(Exception exception, ProviderFailure? failure) =>
        failure?.ClientRetries is { } note ? $"{exception.Message} [{note}]" : exception.Message;
}
