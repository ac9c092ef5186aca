using Microsoft.Extensions.AI;
using Chorus.Estimation;

namespace Chorus.Estimation;

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

    /// <summary>Counts a prompt's tokens with the model's tokenizer (see <see cref="TokenCounters"/>), plus 4 per message for the chat format.</summary>
    public static long Count(IReadOnlyList<ChatMessage> messages, string? model)
    {
        ITokenCounter counter = TokenCounters.For(model);
        long total = 0;
        foreach (ChatMessage message in messages)
        {
            total += counter.Count(message.Text) + 4;
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

    /// <summary>The key in <see cref="UsageDetails.AdditionalCounts"/> that marks a usage the provider reported as missing or absurd.</summary>
    public const string UnknownKey = "chorus.usage_unknown";

    /// <summary>The most tokens one call is believed to use; anything above is a provider's bug, not a bill.</summary>
    public const long MaxPlausibleTokens = 100_000_000;

    /// <summary>Whether usage was missing or absurd and replaced by an estimate.</summary>
    public static bool IsUnknown(UsageDetails? usage) =>
        usage?.AdditionalCounts is { } counts && counts.TryGetValue(UnknownKey, out long flag) && flag > 0;

    /// <summary>Checks usage a provider reported for a call that returned: both counts present, not negative, not absurd.</summary>
    /// <returns>The usage when it can be trusted; otherwise an estimate (the prompt, and the text that came back) marked unknown, never 0.</returns>
    public static UsageDetails Check(UsageDetails? reported, IReadOnlyList<ChatMessage> messages, string? responseText)
    {
        if (reported is { InputTokenCount: { } input, OutputTokenCount: { } output }
            && input is >= 0 and <= MaxPlausibleTokens && output is >= 0 and <= MaxPlausibleTokens)
        {
            return reported;
        }

        UsageDetails estimate = Estimate(Count(messages), Count(responseText));
        estimate.AdditionalCounts![UnknownKey] = 1;
        return estimate;
    }

    public static bool IsEstimated(UsageDetails? usage) =>
        usage?.AdditionalCounts is { } counts && counts.TryGetValue(EstimatedKey, out long flag) && flag > 0;
}
