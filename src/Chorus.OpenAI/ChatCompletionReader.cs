using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Chorus.OpenAI;

/// <summary>Turns a non-streaming <c>chat.completion</c> body into a <see cref="ChatResponse"/>, one assistant message per choice.</summary>
internal static class ChatCompletionReader
{
    /// <summary>Reads the body.</summary>
    /// <exception cref="InvalidDataException">The body is not a usable completion; the message says what is wrong.</exception>
    public static ChatResponse Read(ReadOnlyMemory<byte> body)
    {
        using JsonDocument document = WireJson.ParseObject(body, "the response body");
        JsonElement root = document.RootElement;
        if (!root.TryGetProperty("choices", out JsonElement choices) || choices.ValueKind != JsonValueKind.Array)
        {
            string? error = WireJson.ErrorMessage(root);
            throw new InvalidDataException(error is null
                ? $"the response has no 'choices' array: {WireJson.Excerpt(body)}"
                : $"the response carries an error instead of choices: {error}");
        }

        if (choices.GetArrayLength() == 0)
        {
            throw new InvalidDataException("the response's 'choices' array is empty.");
        }

        string? id = WireJson.String(root, "id");
        var messages = new List<(int Index, ChatMessage Message, ChatFinishReason? Finish)>();
        int position = 0;
        foreach (JsonElement choice in choices.EnumerateArray())
        {
            messages.Add(ReadChoice(choice, position++, id));
        }

        messages.Sort((a, b) => a.Index.CompareTo(b.Index));
        return new ChatResponse([.. messages.Select(m => m.Message)])
        {
            ResponseId = id,
            ModelId = WireJson.String(root, "model"),
            CreatedAt = WireJson.Created(root),
            FinishReason = messages[0].Finish,
            Usage = WireJson.Usage(root),
        };
    }

    private static (int Index, ChatMessage Message, ChatFinishReason? Finish) ReadChoice(JsonElement choice, int position, string? id)
    {
        if (choice.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"choice {position} is not a JSON object.");
        }

        int index = WireJson.Index(choice, position);
        if (!choice.TryGetProperty("message", out JsonElement message) || message.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"choice {index} has no 'message' object.");
        }

        var contents = new List<AIContent>();
        if (WireJson.Content(message, $"choice {index}'s message") is { } text)
        {
            contents.Add(new TextContent(text));
        }

        if (WireJson.String(message, "refusal") is { Length: > 0 } refusal)
        {
            contents.Add(new ErrorContent(refusal) { ErrorCode = "refusal" });
        }

        ReadToolCalls(message, contents);
        ChatFinishReason? finish = WireJson.FinishReason(choice);
        var chatMessage = new ChatMessage(ChatRole.Assistant, contents)
        {
            MessageId = ChoiceMessageId(id, index),
            AdditionalProperties = Tag(index, finish),
        };
        return (index, chatMessage, finish);
    }

    /// <summary>The message id of a choice: the completion id for choice 0, <c>id#k</c> for the others, so
    /// streamed choices stay separate messages.</summary>
    public static string? ChoiceMessageId(string? id, int index) => id is null || index == 0 ? id : $"{id}#{index}";

    /// <summary>The properties every choice message or update carries.</summary>
    public static AdditionalPropertiesDictionary Tag(int index, ChatFinishReason? finish)
    {
        var properties = new AdditionalPropertiesDictionary { [ChatSampleExtensions.ChoiceIndexKey] = index };
        if (finish is { } reason)
        {
            properties[ChatSampleExtensions.ChoiceFinishReasonKey] = reason;
        }

        return properties;
    }

    private static void ReadToolCalls(JsonElement message, List<AIContent> contents)
    {
        if (!message.TryGetProperty("tool_calls", out JsonElement calls) || calls.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (JsonElement call in calls.EnumerateArray())
        {
            if (call.ValueKind != JsonValueKind.Object || !call.TryGetProperty("function", out JsonElement function))
            {
                continue;
            }

            string callId = WireJson.String(call, "id") ?? string.Empty;
            string name = WireJson.String(function, "name") ?? string.Empty;
            string arguments = WireJson.String(function, "arguments") ?? "{}";
            contents.Add(FunctionCallContent.CreateFromParsedArguments(arguments, callId, name, ParseArguments));
        }
    }

    private static Dictionary<string, object?>? ParseArguments(string json) =>
        JsonSerializer.Deserialize(json, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(Dictionary<string, object?>))) as Dictionary<string, object?>;
}
