using Microsoft.Extensions.AI;
using Chorus.Journaling;

namespace Chorus.Journal.Sqlite.Tests;

internal static class Records
{
    public static JournalRecord Make(string fingerprint, string text = "42", string? cacheKey = null, DateTimeOffset? at = null) => new()
    {
        Fingerprint = fingerprint,
        CacheKey = cacheKey,
        Label = "label-" + fingerprint,
        Index = 3,
        Response = new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
        {
            ModelId = "sim-1",
            FinishReason = ChatFinishReason.Stop,
            Usage = new UsageDetails { InputTokenCount = 10, OutputTokenCount = 5, TotalTokenCount = 15 },
        },
        Usage = new UsageDetails { InputTokenCount = 10, OutputTokenCount = 5, TotalTokenCount = 15 },
        Model = "sim-1",
        Duration = TimeSpan.FromMilliseconds(250),
        RecordedAt = at ?? new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
    };
}
