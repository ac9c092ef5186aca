using System.Text.Json;
using System.Text.Json.Serialization;

namespace Chorus.Journaling;

/// <summary>The stored form of a <see cref="JournalRecord"/>; version 1.</summary>
internal sealed record JournalRecordDto(
    int Version,
    string Fingerprint,
    string? CacheKey,
    string Label,
    string Stage,
    int Index,
    string? Model,
    bool UsedFallback,
    double DurationMs,
    DateTimeOffset RecordedAt,
    JournalUsageDto? Usage,
    JournalResponseDto Response,
    string? Checksum = null);

internal sealed record JournalUsageDto(long? Input, long? Output, long? Total, Dictionary<string, long>? Additional);

internal sealed record JournalResponseDto(
    string? ResponseId,
    string? ModelId,
    DateTimeOffset? CreatedAt,
    string? FinishReason,
    JournalUsageDto? Usage,
    List<JournalMessageDto> Messages);

internal sealed record JournalMessageDto(string Role, string? AuthorName, string? MessageId, List<JournalContentDto> Contents, List<JournalPropertyDto>? Properties);

/// <summary>One content: <c>text</c> and <c>reasoning</c> keep their text; anything else keeps M.E.AI's own JSON form in <see cref="Value"/>.</summary>
internal sealed record JournalContentDto(string Kind, string? Text, JsonElement? Value);

/// <summary>One additional property of a message; only simple values are kept (string, int, long, double, bool, finish reason).</summary>
internal sealed record JournalPropertyDto(string Key, string Kind, JsonElement Value);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JournalRecordDto))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(bool))]
internal sealed partial class JournalJsonContext : JsonSerializerContext;
