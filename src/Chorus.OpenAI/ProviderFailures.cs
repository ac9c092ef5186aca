using System.ClientModel;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Chorus.Providers;

namespace Chorus.OpenAI;

/// <summary>Builds the <see cref="ChatProviderException"/>s of one client: the right kind, the endpoint in the message,
/// and the API key scrubbed from every message and body (a misbehaving server may echo it back).</summary>
internal sealed class ProviderFailures
{
    private readonly string _endpoint;
    private readonly string? _apiKey;
    private readonly SecretMask _mask;
    private readonly TimeSpan _networkTimeout;

    public ProviderFailures(string endpoint, string? apiKey, TimeSpan networkTimeout)
    {
        _endpoint = endpoint;
        _apiKey = apiKey;
        _mask = new SecretMask(apiKey);
        _networkTimeout = networkTimeout;
    }

    /// <summary>Maps an HTTP status (and the error's code, when known) to the kind of failure.</summary>
    public static ProviderErrorKind KindOf(int status, string? errorCode = null) => ProviderFailure.KindOf(status, errorCode);

    /// <summary>The provider answered with a non-success status.</summary>
    public ChatProviderException FromStatus(string model, int status, string? reason, ReadOnlyMemory<byte> body, RateLimitSignals rateLimits)
    {
        string bodyText = Truncate(Encoding.UTF8.GetString(body.Span));
        string? providerMessage = TryReadErrorMessage(body);
        string detail = providerMessage ?? (bodyText.Length == 0 ? "(empty body)" : bodyText);
        ProviderErrorKind kind = KindOf(status, OpenAIFailures.ErrorCode(body));
        string message = $"{Describe(model)} returned HTTP {status}{(string.IsNullOrEmpty(reason) ? "" : " " + reason)}: {detail}" + kind switch
        {
            ProviderErrorKind.QuotaExceeded => " The account's quota is exhausted (insufficient_quota): retrying will not help; add credit or raise the quota.",
            ProviderErrorKind.Redirected => " A redirect means the endpoint is misconfigured (scheme, host or path): set it to where the server now answers.",
            _ => string.Empty,
        };
        return new ChatProviderException(Scrub(message), kind, status, bodyText.Length == 0 ? null : Scrub(bodyText), rateLimits);
    }

    /// <summary>The provider answered 2xx with something that is not a usable completion.</summary>
    public ChatProviderException Malformed(string model, int status, string what, RateLimitSignals rateLimits, Exception? inner, string? body = null) =>
        new(Scrub($"{Describe(model)} returned a malformed response: {what}"), ProviderErrorKind.MalformedResponse, status,
            body is null ? null : Scrub(Truncate(body)), rateLimits, inner is null ? null : SafeInner(inner));

    /// <summary>The provider reported an error inside a stream that had started with 2xx.</summary>
    public ChatProviderException StreamedError(string model, int status, StreamedErrorException error, RateLimitSignals rateLimits) =>
        new(Scrub($"{Describe(model)} reported an error mid-stream: {error.Message}"), ProviderErrorKind.ServerError, status,
            Scrub(Truncate(error.Payload)), rateLimits);

    /// <summary>Decides what a failure thrown by the SDK or the transport becomes. Used as an exception filter, so
    /// <see langword="null"/> lets the original exception propagate untouched (the caller's cancellation, our own bugs).</summary>
    public Exception? Translate(Exception exception, string model, CancellationToken cancellationToken)
    {
        if (exception is ChatProviderException or ArgumentException or NotSupportedException)
        {
            return null;
        }

        if (cancellationToken.IsCancellationRequested)
        {
            // The caller's cancellation always wins, whatever the transport made of it (an aborted read can surface as IOException).
            return exception is OperationCanceledException ? null : new OperationCanceledException("The call was canceled.", exception, cancellationToken);
        }

        return exception switch
        {
            OperationCanceledException or TimeoutException => Timeout(model, exception),
            _ when Contains<TimeoutException>(exception) => Timeout(model, exception),
            ClientResultException { Status: > 0 } result => new ChatProviderException(
                Scrub($"{Describe(model)} returned HTTP {result.Status}: {result.Message}"), KindOf(result.Status), result.Status, innerException: SafeInner(exception)),
            ClientResultException or HttpRequestException or IOException or SocketException => new ChatProviderException(
                Scrub($"{Describe(model)} could not be reached or dropped the connection: {Innermost(exception).Message}"),
                ProviderErrorKind.ConnectionFailed, innerException: SafeInner(exception)),
            _ => null,
        };
    }

    private ChatProviderException Timeout(string model, Exception inner) =>
        new(Scrub($"{Describe(model)} did not answer within the network timeout of {_networkTimeout}."), ProviderErrorKind.Timeout, innerException: SafeInner(inner));

    /// <summary>Returns <paramref name="inner"/> unless a message in its chain contains the key (a transport that put a
    /// header into an error message); then the chain is dropped, since exception chains end up in logs.</summary>
    private Exception? SafeInner(Exception inner)
    {
        if (_apiKey is null)
        {
            return inner;
        }

        for (Exception? current = inner; current is not null; current = current.InnerException)
        {
            if (current.Message.Contains(_apiKey, StringComparison.Ordinal))
            {
                return null;
            }
        }

        return inner;
    }

    private string Describe(string model) => $"The OpenAI-compatible endpoint {_endpoint} (model '{model}')";

    private string Scrub(string text) => _mask.Apply(text);

    private static string? TryReadErrorMessage(ReadOnlyMemory<byte> body)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            return WireJson.ErrorMessage(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Truncate(string text) =>
        text.Length <= OpenAICompatibleConstants.MaxErrorBodyLength ? text : text[..OpenAICompatibleConstants.MaxErrorBodyLength] + "…";

    private static bool Contains<T>(Exception exception)
        where T : Exception
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is T)
            {
                return true;
            }
        }

        return false;
    }

    private static Exception Innermost(Exception exception)
    {
        Exception current = exception;
        while (current.InnerException is not null)
        {
            current = current.InnerException;
        }

        return current;
    }
}
