namespace Chorus.OpenAI;

/// <summary>Defaults and names used by <see cref="OpenAICompatibleChatClient"/>.</summary>
internal static class OpenAICompatibleConstants
{
    /// <summary>The provider name reported in <see cref="Microsoft.Extensions.AI.ChatClientMetadata"/>.</summary>
    public const string ProviderName = "openai-compatible";

    /// <summary>The environment variable a missing API key is read from.</summary>
    public const string ApiKeyEnvironmentVariable = "OPENAI_API_KEY";

    /// <summary>The credential handed to the SDK (which insists on one) when there is no key; the header is removed before sending.</summary>
    public const string PlaceholderApiKey = "chorus-no-key";

    /// <summary>The header that carries the key.</summary>
    public const string AuthorizationHeader = "Authorization";

    /// <summary>The default <see cref="OpenAICompatibleOptions.NetworkTimeout"/>; the same as <see cref="HttpClient.Timeout"/>'s default.</summary>
    public static readonly TimeSpan DefaultNetworkTimeout = TimeSpan.FromSeconds(100);

    /// <summary>How much of a provider's body is kept in an exception, so a huge error page does not bloat logs.</summary>
    public const int MaxErrorBodyLength = 4096;
}
