using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Chorus.Providers;

namespace Chorus.OpenAI;

/// <summary>
/// Teaches Chorus the failures of the official OpenAI .NET SDK (<c>OpenAI</c>, also behind <c>Microsoft.Extensions.AI.OpenAI</c>'s
/// <c>AsIChatClient()</c>): a <see cref="ClientResultException"/> becomes a <see cref="ProviderFailure"/> with its status, its
/// <c>retry-after</c> and <c>x-ratelimit-*</c> headers and its error code, so the scheduler backs off on its 429s and an
/// <c>insufficient_quota</c> fails fast.
/// </summary>
/// <remarks>
/// <para>Use it as <c>sdkChatClient.AsIChatClient().WithOpenAIFailures().WithScheduler(scheduler).WithResilience()</c>.</para>
/// <para>The SDK retries 408, 429 and 5xx on its own (three times by default, with its own back-off) before it throws, so the provider
/// sees attempts Chorus never does: their tokens are unknown, and the report says so on each failed attempt. To leave retries to Chorus,
/// create the SDK client with <c>new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(maxRetries: 0) }</c>.</para>
/// </remarks>
public static class OpenAIFailures
{
    /// <summary>The note put on failures from the SDK, whose retries Chorus cannot see.</summary>
    internal const string ClientRetriesNote =
        "the OpenAI SDK retries 408/429/5xx on its own before failing, so the provider may have seen more attempts than reported here "
        + "and their tokens are unknown; to leave retries to Chorus set OpenAIClientOptions.RetryPolicy = new ClientRetryPolicy(0)";

    /// <summary>Gets the mapper for <see cref="ClientResultException"/>; other exceptions are left to the other rules.</summary>
    public static ProviderFailureMapper Mapper { get; } = Map;

    /// <summary>Gets <see cref="ProviderFailureClassifier.Default"/> with <see cref="Mapper"/> added.</summary>
    public static ProviderFailureClassifier Classifier { get; } = ProviderFailureClassifier.Default.With(Mapper);

    /// <summary>Wraps a client built on the official SDK so the scheduler and resilience above it understand its failures.</summary>
    /// <param name="client">The SDK's <see cref="IChatClient"/>, for example from <c>ChatClient.AsIChatClient()</c>.</param>
    /// <returns>The wrapped client.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is <see langword="null"/>.</exception>
    public static IChatClient WithOpenAIFailures(this IChatClient client) => client.WithFailureClassifier(Classifier);

    private static ProviderFailure? Map(Exception exception)
    {
        if (exception is not ClientResultException result)
        {
            return null;
        }

        PipelineResponse? response = result.GetRawResponse();
        if (result.Status <= 0 || response is null)
        {
            // No answer: the transport failed; its inner exception (HttpRequestException, IOException) says how.
            return result.InnerException is null ? new ProviderFailure(ProviderErrorKind.ConnectionFailed) { ClientRetries = ClientRetriesNote } : null;
        }

        RateLimitSignals signals = RateLimitHeaderParser.Parse(name => response.Headers.TryGetValue(name, out string? value) ? value : null, TimeProvider.System.GetUtcNow());
        string? code = ErrorCode(ContentOf(response));
        return ProviderFailure.FromStatus(result.Status, signals, code) with { ClientRetries = ClientRetriesNote };
    }

    private static ReadOnlyMemory<byte> ContentOf(PipelineResponse response)
    {
        try
        {
            return response.Content.ToMemory();
        }
        catch (InvalidOperationException)
        {
            // A streamed response whose body was not buffered: no code to read.
            return ReadOnlyMemory<byte>.Empty;
        }
    }

    /// <summary>Reads <c>error.code</c>, else <c>error.type</c>, from an OpenAI error body; <see langword="null"/> when absent or not JSON.</summary>
    internal static string? ErrorCode(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            return null;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out JsonElement error) && error.ValueKind == JsonValueKind.Object)
            {
                foreach (string name in (ReadOnlySpan<string>)["code", "type"])
                {
                    if (error.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
                    {
                        return text;
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: no code.
        }

        return null;
    }
}
