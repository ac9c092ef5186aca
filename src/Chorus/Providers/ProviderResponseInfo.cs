namespace Chorus.Providers;

/// <summary>What a provider's transport said about one response, attached to <see cref="Microsoft.Extensions.AI.ChatResponse.AdditionalProperties"/>.</summary>
/// <param name="StatusCode">The HTTP status code.</param>
/// <param name="RequestId">The provider's request id (<c>x-request-id</c>), when sent.</param>
/// <param name="RateLimits">The rate-limit headers of the response.</param>
public sealed record ProviderResponseInfo(int StatusCode, string? RequestId, RateLimitSignals RateLimits)
{
    /// <summary>The key under which adapters store this record in <see cref="Microsoft.Extensions.AI.ChatResponse.AdditionalProperties"/>
    /// (and in the last <see cref="Microsoft.Extensions.AI.ChatResponseUpdate.AdditionalProperties"/> when streaming).</summary>
    public const string AdditionalPropertiesKey = "chorus.provider";
}
