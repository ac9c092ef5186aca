namespace Chorus.Providers;

/// <summary>Names shared by the failure classifier and provider adapters.</summary>
internal static class ProviderConstants
{
    /// <summary>OpenAI's error code (and type) for an exhausted quota or credit, sent with HTTP 429.</summary>
    public const string InsufficientQuota = "insufficient_quota";
}
