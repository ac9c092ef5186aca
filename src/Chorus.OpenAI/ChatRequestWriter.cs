using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Chorus.OpenAI;

/// <summary>Writes the <c>/chat/completions</c> request body. Pure: the same input always gives the same bytes.</summary>
/// <remarks>
/// We write the JSON ourselves rather than through the SDK's typed <c>ChatCompletionOptions</c>: in OpenAI 2.15.0 its
/// <c>N</c>, <c>Messages</c> and <c>Model</c> are internal, so <c>n</c> would need the experimental JSON patch, and the
/// typed response would still expose only the first choice.
/// </remarks>
internal static class ChatRequestWriter
{
    // AIJsonUtilities.DefaultOptions indents; arguments and tool results travel as compact JSON strings.
    private static readonly JsonSerializerOptions s_compact = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    /// <summary>Builds the request body.</summary>
    /// <exception cref="NotSupportedException">A message holds content this adapter cannot send (for example an image).</exception>
    /// <exception cref="ArgumentException">No messages, or an invalid <c>n</c>.</exception>
    public static BinaryData Write(IEnumerable<ChatMessage> messages, ChatOptions? options, string defaultModel, bool stream, bool useLegacyMaxTokens)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("model", options?.ModelId ?? defaultModel);
            WriteMessages(writer, messages, options?.Instructions);
            WriteSampling(writer, options, useLegacyMaxTokens);
            if (options?.ResponseFormat is { } format)
            {
                WriteResponseFormat(writer, format);
            }

            if (stream)
            {
                writer.WriteBoolean("stream", true);
                writer.WriteStartObject("stream_options");
                writer.WriteBoolean("include_usage", true);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return new BinaryData(buffer.ToArray());
    }

    private static void WriteSampling(Utf8JsonWriter writer, ChatOptions? options, bool useLegacyMaxTokens)
    {
        if (options is null)
        {
            return;
        }

        WriteIfSet(writer, "temperature", options.Temperature);
        WriteIfSet(writer, "top_p", options.TopP);
        WriteIfSet(writer, "frequency_penalty", options.FrequencyPenalty);
        WriteIfSet(writer, "presence_penalty", options.PresencePenalty);
        if (options.MaxOutputTokens is int maxTokens)
        {
            writer.WriteNumber(useLegacyMaxTokens ? "max_tokens" : "max_completion_tokens", maxTokens);
        }

        if (options.Seed is long seed)
        {
            writer.WriteNumber("seed", seed);
        }

        if (options.StopSequences is { Count: > 0 } stops)
        {
            writer.WriteStartArray("stop");
            foreach (string stop in stops)
            {
                writer.WriteStringValue(stop);
            }

            writer.WriteEndArray();
        }

        int samples = options.GetSampleCount();
        if (samples != 1)
        {
            writer.WriteNumber("n", samples);
        }
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, float? value)
    {
        if (value is float number)
        {
            // Through decimal so 0.7f goes out as 0.7, not 0.699999988079071.
            writer.WriteNumber(name, (decimal)number);
        }
    }

    private static void WriteResponseFormat(Utf8JsonWriter writer, ChatResponseFormat format)
    {
        writer.WriteStartObject("response_format");
        switch (format)
        {
            case ChatResponseFormatJson { Schema: JsonElement schema } json:
                writer.WriteString("type", "json_schema");
                writer.WriteStartObject("json_schema");
                writer.WriteString("name", json.SchemaName ?? "response");
                if (json.SchemaDescription is { } description)
                {
                    writer.WriteString("description", description);
                }

                writer.WritePropertyName("schema");
                schema.WriteTo(writer);
                writer.WriteEndObject();
                break;
            case ChatResponseFormatJson:
                writer.WriteString("type", "json_object");
                break;
            default:
                writer.WriteString("type", "text");
                break;
        }

        writer.WriteEndObject();
    }

    private static void WriteMessages(Utf8JsonWriter writer, IEnumerable<ChatMessage> messages, string? instructions)
    {
        writer.WriteStartArray("messages");
        int count = 0;
        if (!string.IsNullOrEmpty(instructions))
        {
            WriteSimple(writer, "system", instructions, name: null);
            count++;
        }

        foreach (ChatMessage message in messages)
        {
            ArgumentNullException.ThrowIfNull(message, nameof(messages));
            count += WriteMessage(writer, message);
        }

        if (count == 0)
        {
            throw new ArgumentException("At least one message (or ChatOptions.Instructions) is required.", nameof(messages));
        }

        writer.WriteEndArray();
    }

    private static int WriteMessage(Utf8JsonWriter writer, ChatMessage message)
    {
        var text = new StringBuilder();
        List<FunctionCallContent>? calls = null;
        List<FunctionResultContent>? results = null;
        foreach (AIContent content in message.Contents)
        {
            switch (content)
            {
                case TextContent t:
                    text.Append(t.Text);
                    break;
                case FunctionCallContent call:
                    (calls ??= []).Add(call);
                    break;
                case FunctionResultContent result:
                    (results ??= []).Add(result);
                    break;
                case UsageContent or TextReasoningContent:
                    // Bookkeeping from an earlier response, not something to send back.
                    break;
                default:
                    throw new NotSupportedException(
                        $"{nameof(OpenAICompatibleChatClient)} sends text, function calls and function results only; a {message.Role} message holds {content.GetType().Name}.");
            }
        }

        if (results is not null)
        {
            foreach (FunctionResultContent result in results)
            {
                writer.WriteStartObject();
                writer.WriteString("role", "tool");
                writer.WriteString("tool_call_id", result.CallId);
                writer.WriteString("content", ResultText(result));
                writer.WriteEndObject();
            }

            return results.Count;
        }

        string role = message.Role.Value;
        if (calls is null)
        {
            WriteSimple(writer, role, text.ToString(), message.AuthorName);
            return 1;
        }

        writer.WriteStartObject();
        writer.WriteString("role", role);
        if (text.Length > 0)
        {
            writer.WriteString("content", text.ToString());
        }
        else
        {
            writer.WriteNull("content");
        }

        writer.WriteStartArray("tool_calls");
        foreach (FunctionCallContent call in calls)
        {
            writer.WriteStartObject();
            writer.WriteString("id", call.CallId);
            writer.WriteString("type", "function");
            writer.WriteStartObject("function");
            writer.WriteString("name", call.Name);
            writer.WriteString("arguments", JsonSerializer.Serialize(call.Arguments, s_compact.GetTypeInfo(typeof(IDictionary<string, object?>))));
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        return 1;
    }

    private static void WriteSimple(Utf8JsonWriter writer, string role, string text, string? name)
    {
        writer.WriteStartObject();
        writer.WriteString("role", role);
        writer.WriteString("content", text);
        if (!string.IsNullOrEmpty(name))
        {
            writer.WriteString("name", name);
        }

        writer.WriteEndObject();
    }

    private static string ResultText(FunctionResultContent result) => result.Result switch
    {
        null => string.Empty,
        string s => s,
        object o => JsonSerializer.Serialize(o, s_compact.GetTypeInfo(typeof(object))),
    };
}
