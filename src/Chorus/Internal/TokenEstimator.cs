using Microsoft.Extensions.AI;

namespace Chorus.Internal;

/// <summary>Estimates token counts where the provider reported none (work cancelled mid-call), so cancelled work is still counted.</summary>
/// <remarks>About four characters a token, the usual rule of thumb for English with BPE tokenizers; estimates are flagged in the report.</remarks>
internal static class TokenEstimator
{
    /// <summary>The key in <see cref="UsageDetails.AdditionalCounts"/> that marks a usage as estimated.</summary>
    public const string EstimatedKey = "chorus.estimated";

    public static long Count(string? text) => string.IsNullOrEmpty(text) ? 0 : (text.Length + 3) / 4;

    public static long Count(IReadOnlyList<ChatMessage> messages)
    {
        long total = 0;
        foreach (ChatMessage message in messages)
        {
            total += Count(message.Text) + 4;
        }

        return total;
    }

    public static UsageDetails Estimate(long inputTokens, long outputTokens) => new()
    {
        InputTokenCount = inputTokens,
        OutputTokenCount = outputTokens,
        TotalTokenCount = inputTokens + outputTokens,
        AdditionalCounts = new AdditionalPropertiesDictionary<long> { [EstimatedKey] = 1 },
    };

    public static bool IsEstimated(UsageDetails? usage) =>
        usage?.AdditionalCounts is { } counts && counts.TryGetValue(EstimatedKey, out long flag) && flag > 0;
}
