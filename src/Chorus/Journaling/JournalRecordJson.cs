using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Chorus.Journaling;

/// <summary>Writes and reads <see cref="JournalRecord"/> as JSON, for journals that store text (files, databases, a shared server).</summary>
/// <remarks>
/// Kept: every message's role, author, id, text and reasoning contents; other contents (function calls, data, …) in
/// M.E.AI's own JSON form; simple message properties (string, whole numbers, doubles, booleans, finish reasons); the
/// response's id, model, creation time, finish reason and usage; and the record's keys, label, usage, model and timing.
/// Not kept: raw provider representations and complex additional properties, which aggregators never read. Thread-safe.
/// </remarks>
public static class JournalRecordJson
{
    /// <summary>The version written; <see cref="Deserialize"/> refuses any other.</summary>
    public const int Version = 1;

    /// <summary>Serializes a record.</summary>
    /// <param name="record">The record.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="record"/> is <see langword="null"/>.</exception>
    public static string Serialize(JournalRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ChatResponse response = record.Response;
        var dto = new JournalRecordDto(
            Version,
            record.Fingerprint,
            record.CacheKey,
            record.Label,
            record.Stage,
            record.Index,
            record.Model,
            record.UsedFallback,
            record.Duration.TotalMilliseconds,
            record.RecordedAt,
            ToDto(record.Usage),
            new JournalResponseDto(
                response.ResponseId,
                response.ModelId,
                response.CreatedAt,
                response.FinishReason?.Value,
                ToDto(response.Usage),
                [.. response.Messages.Select(ToDto)]));
        // The checksum covers the record as written without it; a record edited afterwards no longer matches.
        return JsonSerializer.Serialize(dto with { Checksum = ChecksumOf(dto) }, JournalJsonContext.Default.JournalRecordDto);
    }

    private static string ChecksumOf(JournalRecordDto dto) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            JsonSerializer.SerializeToUtf8Bytes(dto with { Checksum = null }, JournalJsonContext.Default.JournalRecordDto)));

    /// <summary>Reads a record; each call returns new instances.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The record.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="JsonException">The text is not a journal record of version <see cref="Version"/>, has no checksum, or fails it.</exception>
    public static JournalRecord Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JournalRecordDto dto = JsonSerializer.Deserialize(json, JournalJsonContext.Default.JournalRecordDto)
            ?? throw new JsonException("The JSON text is null, not a journal record.");
        if (dto.Version != Version)
        {
            throw new JsonException($"The journal record has version {dto.Version}; this version of Chorus reads version {Version}.");
        }

        if (dto.Fingerprint is null || dto.Label is null || dto.Response?.Messages is null)
        {
            throw new JsonException("The journal record lacks its fingerprint, label or response.");
        }

        if (dto.Checksum is null)
        {
            throw new JsonException($"The journal record for '{dto.Label}' has no checksum, so it cannot be trusted.");
        }

        if (!string.Equals(dto.Checksum, ChecksumOf(dto), StringComparison.Ordinal))
        {
            throw new JsonException($"The journal record for '{dto.Label}' fails its checksum: it was changed after it was written.");
        }

        JournalResponseDto r = dto.Response;
        var response = new ChatResponse([.. r.Messages.Select(FromDto)])
        {
            ResponseId = r.ResponseId,
            ModelId = r.ModelId,
            CreatedAt = r.CreatedAt,
            FinishReason = r.FinishReason is null ? null : new ChatFinishReason(r.FinishReason),
            Usage = FromDto(r.Usage),
        };
        return new JournalRecord
        {
            Fingerprint = dto.Fingerprint,
            CacheKey = dto.CacheKey,
            Label = dto.Label,
            Stage = dto.Stage ?? RunStages.Main,
            Index = dto.Index,
            Response = response,
            Usage = FromDto(dto.Usage),
            Model = dto.Model,
            UsedFallback = dto.UsedFallback,
            Duration = TimeSpan.FromMilliseconds(dto.DurationMs),
            RecordedAt = dto.RecordedAt,
        };
    }

    private static JournalUsageDto? ToDto(UsageDetails? usage) => usage is null ? null : new JournalUsageDto(
        usage.InputTokenCount,
        usage.OutputTokenCount,
        usage.TotalTokenCount,
        usage.AdditionalCounts is { Count: > 0 } counts ? counts.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal) : null);

    private static UsageDetails? FromDto(JournalUsageDto? dto) => dto is null ? null : new UsageDetails
    {
        InputTokenCount = dto.Input,
        OutputTokenCount = dto.Output,
        TotalTokenCount = dto.Total,
        AdditionalCounts = dto.Additional is { Count: > 0 } counts ? new AdditionalPropertiesDictionary<long>(counts) : null,
    };

    private static JournalMessageDto ToDto(ChatMessage message)
    {
        var contents = new List<JournalContentDto>(message.Contents.Count);
        foreach (AIContent content in message.Contents)
        {
            contents.Add(content switch
            {
                TextContent text => new JournalContentDto("text", text.Text, null),
                TextReasoningContent reasoning => new JournalContentDto("reasoning", reasoning.Text, null),
                _ => new JournalContentDto("other", null, JsonSerializer.SerializeToElement(content, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(AIContent)))),
            });
        }

        List<JournalPropertyDto>? properties = null;
        foreach (KeyValuePair<string, object?> pair in message.AdditionalProperties ?? [])
        {
            (string Kind, JsonElement Value)? kept = pair.Value switch
            {
                string s => ("string", JsonSerializer.SerializeToElement(s, JournalJsonContext.Default.String)),
                int i => ("int", JsonSerializer.SerializeToElement(i, JournalJsonContext.Default.Int32)),
                long l => ("long", JsonSerializer.SerializeToElement(l, JournalJsonContext.Default.Int64)),
                double d => ("double", JsonSerializer.SerializeToElement(d, JournalJsonContext.Default.Double)),
                bool b => ("bool", JsonSerializer.SerializeToElement(b, JournalJsonContext.Default.Boolean)),
                ChatFinishReason f => ("finish_reason", JsonSerializer.SerializeToElement(f.Value, JournalJsonContext.Default.String)),
                _ => null,
            };
            if (kept is { } k)
            {
                (properties ??= []).Add(new JournalPropertyDto(pair.Key, k.Kind, k.Value));
            }
        }

        return new JournalMessageDto(message.Role.Value, message.AuthorName, message.MessageId, contents, properties);
    }

    private static ChatMessage FromDto(JournalMessageDto dto)
    {
        var contents = new List<AIContent>(dto.Contents?.Count ?? 0);
        foreach (JournalContentDto content in dto.Contents ?? [])
        {
            AIContent? item = content.Kind switch
            {
                "text" => new TextContent(content.Text),
                "reasoning" => new TextReasoningContent(content.Text),
                _ when content.Value is { } value => (AIContent?)value.Deserialize(AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(AIContent))),
                _ => null,
            };
            if (item is not null)
            {
                contents.Add(item);
            }
        }

        var message = new ChatMessage(new ChatRole(dto.Role), contents) { AuthorName = dto.AuthorName, MessageId = dto.MessageId };
        if (dto.Properties is { Count: > 0 } properties)
        {
            message.AdditionalProperties = [];
            foreach (JournalPropertyDto p in properties)
            {
                message.AdditionalProperties[p.Key] = p.Kind switch
                {
                    "string" => p.Value.GetString(),
                    "int" => p.Value.GetInt32(),
                    "long" => p.Value.GetInt64(),
                    "double" => p.Value.GetDouble(),
                    "bool" => p.Value.GetBoolean(),
                    "finish_reason" => new ChatFinishReason(p.Value.GetString() ?? string.Empty),
                    _ => p.Value.Clone(),
                };
            }
        }

        return message;
    }
}
