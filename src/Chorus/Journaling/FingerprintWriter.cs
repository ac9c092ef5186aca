using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Chorus.Journaling;

/// <summary>Writes the parts of a <see cref="BranchFingerprint"/> document in a fixed, canonical form.</summary>
/// <remarks>Never change what is written without bumping <see cref="BranchFingerprint.FormatVersion"/>: it would silently change every key.</remarks>
internal static class FingerprintWriter
{
    public static void WriteMessage(Utf8JsonWriter writer, ChatMessage message)
    {
        writer.WriteStartObject();
        writer.WriteString("role", message.Role.Value);
        writer.WriteString("author", message.AuthorName);
        writer.WriteStartArray("contents");
        foreach (AIContent content in message.Contents)
        {
            WriteContent(writer, content);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static void WriteOptions(Utf8JsonWriter writer, ChatOptions? options)
    {
        if (options is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        WriteNumber(writer, "temperature", options.Temperature);
        WriteNumber(writer, "top_p", options.TopP);
        WriteNumber(writer, "top_k", options.TopK);
        WriteNumber(writer, "max_output_tokens", options.MaxOutputTokens);
        WriteNumber(writer, "seed", options.Seed);
        WriteNumber(writer, "frequency_penalty", options.FrequencyPenalty);
        WriteNumber(writer, "presence_penalty", options.PresencePenalty);
        writer.WriteString("model_id", options.ModelId);
        writer.WriteString("instructions", options.Instructions);
        writer.WriteString("conversation_id", options.ConversationId);
        writer.WriteStartArray("stop");
        foreach (string stop in options.StopSequences ?? [])
        {
            writer.WriteStringValue(stop);
        }

        writer.WriteEndArray();
        writer.WritePropertyName("response_format");
        WriteResponseFormat(writer, options.ResponseFormat);
        writer.WriteString("reasoning_effort", options.Reasoning?.Effort?.ToString());
        writer.WriteString("reasoning_output", options.Reasoning?.Output?.ToString());
        writer.WriteString("tool_mode", options.ToolMode switch
        {
            null => null,
            RequiredChatToolMode required => "required:" + required.RequiredFunctionName,
            NoneChatToolMode => "none",
            AutoChatToolMode => "auto",
            ChatToolMode other => other.GetType().Name,
        });
        if (options.AllowMultipleToolCalls is { } multiple)
        {
            writer.WriteBoolean("multiple_tool_calls", multiple);
        }
        else
        {
            writer.WriteNull("multiple_tool_calls");
        }

        writer.WriteStartArray("tools");
        foreach (AITool tool in options.Tools ?? [])
        {
            writer.WriteStartObject();
            writer.WriteString("type", tool.GetType().Name);
            writer.WriteString("name", tool.Name);
            writer.WriteString("description", tool.Description);
            if (tool is AIFunctionDeclaration function)
            {
                writer.WritePropertyName("schema");
                function.JsonSchema.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartObject("additional");
        if (options.AdditionalProperties is { } additional)
        {
            foreach (KeyValuePair<string, object?> pair in additional.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.WritePropertyName(pair.Key);
                WriteValue(writer, pair.Value);
            }
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteResponseFormat(Utf8JsonWriter writer, ChatResponseFormat? format)
    {
        switch (format)
        {
            case null:
                writer.WriteNullValue();
                break;
            case ChatResponseFormatText:
                writer.WriteStringValue("text");
                break;
            case ChatResponseFormatJson json:
                writer.WriteStartObject();
                writer.WriteString("type", "json");
                writer.WriteString("name", json.SchemaName);
                writer.WriteString("description", json.SchemaDescription);
                writer.WritePropertyName("schema");
                if (json.Schema is { } schema)
                {
                    schema.WriteTo(writer);
                }
                else
                {
                    writer.WriteNullValue();
                }

                writer.WriteEndObject();
                break;
            default:
                writer.WriteStringValue(format.GetType().FullName);
                break;
        }
    }

    private static void WriteContent(Utf8JsonWriter writer, AIContent content)
    {
        writer.WriteStartObject();
        switch (content)
        {
            case TextContent text:
                writer.WriteString("text", text.Text);
                break;
            case TextReasoningContent reasoning:
                writer.WriteString("reasoning", reasoning.Text);
                break;
            case DataContent data:
                writer.WriteString("media_type", data.MediaType);
                writer.WriteString("data", data.Uri);
                break;
            case UriContent uri:
                writer.WriteString("media_type", uri.MediaType);
                writer.WriteString("uri", uri.Uri.AbsoluteUri);
                break;
            default:
                // Function calls and results and the rest: their own JSON form, which M.E.AI keeps stable for persisted chats.
                writer.WriteString("type", content.GetType().FullName);
                writer.WritePropertyName("value");
                WriteValue(writer, content, typeof(AIContent));
                break;
        }

        writer.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, float? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value, Type? declared = null)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                return;
            case string s:
                writer.WriteStringValue(s);
                return;
            case bool b:
                writer.WriteBooleanValue(b);
                return;
            case int or long or short or byte or uint or ulong or ushort or sbyte or decimal:
                // An integer means the same on the wire whatever its CLR type, so 5 and 5L give one key.
                writer.WriteNumberValue(Convert.ToDecimal(value, CultureInfo.InvariantCulture));
                return;
            case float f:
                writer.WriteNumberValue(f);
                return;
            case double d:
                writer.WriteNumberValue(d);
                return;
            case JsonElement element:
                element.WriteTo(writer);
                return;
        }

        try
        {
            JsonElement element = JsonSerializer.SerializeToElement(value, declared ?? value.GetType(), AIJsonUtilities.DefaultOptions);
            element.WriteTo(writer);
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or JsonException)
        {
            writer.WriteStringValue(value.GetType().FullName + ":" + Convert.ToString(value, CultureInfo.InvariantCulture));
        }
    }
}
