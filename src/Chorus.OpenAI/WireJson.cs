using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Chorus.OpenAI;

/// <summary>Small readers for the pieces of chat-completions JSON shared by the streaming and non-streaming paths.</summary>
/// <remarks>Wrong shapes in required places throw <see cref="InvalidDataException"/> with a message naming the place;
/// optional extras (usage, ids, timestamps) that are odd are treated as absent, because compatible servers vary.</remarks>
internal static class WireJson
{
    /// <summary>Parses a body as a JSON object.</summary>
    /// <exception cref="InvalidDataException">The body is not JSON or not an object.</exception>
    public static JsonDocument ParseObject(ReadOnlyMemory<byte> body, string what)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{what} is not valid JSON ({ex.Message}): {Excerpt(body)}", ex);
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new InvalidDataException($"{what} is JSON but not an object: {Excerpt(body)}");
        }

        return document;
    }

    /// <summary>Returns the first 200 characters of a body, for messages.</summary>
    public static string Excerpt(ReadOnlyMemory<byte> body)
    {
        string text = Encoding.UTF8.GetString(body.Span[..Math.Min(body.Length, 200)]);
        return body.Length > 200 ? text + "…" : text;
    }

    /// <summary>Reads a string property, or <see langword="null"/> when missing or not a string.</summary>
    public static string? String(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Reads a whole-number property, or <see langword="null"/> when missing or not an integer.</summary>
    public static long? Int64(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out JsonElement value)
            && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long number) ? number : null;

    /// <summary>Reads the <c>created</c> unix timestamp.</summary>
    public static DateTimeOffset? Created(JsonElement obj) =>
        Int64(obj, "created") is long seconds && seconds is >= 0 and < 253_402_300_800 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    /// <summary>Reads a choice's index, falling back to its position.</summary>
    public static int Index(JsonElement choice, int position) =>
        Int64(choice, "index") is long index && index is >= 0 and <= int.MaxValue ? (int)index : position;

    /// <summary>Maps <c>finish_reason</c>; <see langword="null"/> when missing or null.</summary>
    public static ChatFinishReason? FinishReason(JsonElement choice) => String(choice, "finish_reason") switch
    {
        null or "" => null,
        "stop" => ChatFinishReason.Stop,
        "length" => ChatFinishReason.Length,
        "content_filter" => ChatFinishReason.ContentFilter,
        "tool_calls" or "function_call" => ChatFinishReason.ToolCalls,
        string other => new ChatFinishReason(other),
    };

    /// <summary>Reads message or delta <c>content</c>: a string, null, or an array of <c>{"type":"text","text":…}</c> parts.</summary>
    /// <exception cref="InvalidDataException">The content has another shape.</exception>
    public static string? Content(JsonElement message, string where)
    {
        if (!message.TryGetProperty("content", out JsonElement content))
        {
            return null;
        }

        switch (content.ValueKind)
        {
            case JsonValueKind.String:
                return content.GetString();
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Array:
                var text = new StringBuilder();
                foreach (JsonElement part in content.EnumerateArray())
                {
                    if (part.ValueKind == JsonValueKind.Object && String(part, "text") is { } partText)
                    {
                        text.Append(partText);
                    }
                }

                return text.ToString();
            default:
                throw new InvalidDataException($"{where} has 'content' of JSON type {content.ValueKind}; expected a string.");
        }
    }

    /// <summary>Maps <c>usage</c>; <see langword="null"/> when missing, null or not an object, or when either count is missing,
    /// not a whole number or negative (usage is then unknown, not an error, and never taken as 0).</summary>
    public static UsageDetails? Usage(JsonElement root)
    {
        if (!root.TryGetProperty("usage", out JsonElement usage) || usage.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (Int64(usage, "prompt_tokens") is not (>= 0 and long input) || Int64(usage, "completion_tokens") is not (>= 0 and long output))
        {
            return null;
        }

        long? total = Int64(usage, "total_tokens");
        var details = new UsageDetails
        {
            InputTokenCount = input,
            OutputTokenCount = output,
            TotalTokenCount = total is >= 0 ? total : input + output,
        };
        if (usage.TryGetProperty("prompt_tokens_details", out JsonElement promptDetails))
        {
            details.CachedInputTokenCount = Int64(promptDetails, "cached_tokens");
        }

        if (usage.TryGetProperty("completion_tokens_details", out JsonElement completionDetails))
        {
            details.ReasoningTokenCount = Int64(completionDetails, "reasoning_tokens");
        }

        return details;
    }

    /// <summary>Reads an error's message from a provider's error body: <c>error.message</c>, a string <c>error</c>,
    /// or a top-level <c>message</c> or <c>detail</c> (vLLM and FastAPI-style servers).</summary>
    public static string? ErrorMessage(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (root.TryGetProperty("error", out JsonElement error))
        {
            if (error.ValueKind == JsonValueKind.Object && String(error, "message") is { } message)
            {
                return message;
            }

            if (error.ValueKind == JsonValueKind.String)
            {
                return error.GetString();
            }
        }

        return String(root, "message") ?? String(root, "detail");
    }
}
