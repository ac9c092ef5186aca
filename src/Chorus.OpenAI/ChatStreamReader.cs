using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Chorus.Providers;

namespace Chorus.OpenAI;

/// <summary>Turns the <c>data:</c> payloads of a <c>chat.completion.chunk</c> stream into <see cref="ChatResponseUpdate"/>s
/// and checks the stream was complete. One instance per stream; not thread-safe.</summary>
internal sealed class ChatStreamReader
{
    /// <summary>The payload that ends an OpenAI stream.</summary>
    public const string DoneSentinel = "[DONE]";

    private readonly Dictionary<int, ChatFinishReason?> _choices = [];
    private string? _id;
    private string? _model;
    private DateTimeOffset? _created;
    private UsageDetails? _usage;
    private int _chunks;

    /// <summary>Gets a value indicating whether <see cref="DoneSentinel"/> was seen.</summary>
    public bool IsDone { get; private set; }

    /// <summary>Reads one <c>data:</c> payload.</summary>
    /// <returns>The updates it carries (none for a usage-only chunk or <see cref="DoneSentinel"/>).</returns>
    /// <exception cref="InvalidDataException">The payload is not a usable chunk.</exception>
    /// <exception cref="StreamedErrorException">The provider sent an error object in the stream.</exception>
    public IReadOnlyList<ChatResponseUpdate> Accept(string data)
    {
        if (data.Trim() == DoneSentinel)
        {
            IsDone = true;
            return [];
        }

        _chunks++;
        using JsonDocument document = WireJson.ParseObject(Encoding.UTF8.GetBytes(data), $"stream chunk {_chunks}");
        JsonElement root = document.RootElement;
        if (root.TryGetProperty("error", out _) && !root.TryGetProperty("choices", out _))
        {
            throw new StreamedErrorException(WireJson.ErrorMessage(root) ?? "(no message)", data);
        }

        _id ??= WireJson.String(root, "id");
        _model ??= WireJson.String(root, "model");
        _created ??= WireJson.Created(root);
        _usage = WireJson.Usage(root) ?? _usage;
        if (!root.TryGetProperty("choices", out JsonElement choices) || choices.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (choices.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"stream chunk {_chunks} has 'choices' of JSON type {choices.ValueKind}; expected an array.");
        }

        var updates = new List<ChatResponseUpdate>(choices.GetArrayLength());
        int position = 0;
        foreach (JsonElement choice in choices.EnumerateArray())
        {
            updates.Add(ReadChoice(choice, position++));
        }

        return updates;
    }

    /// <summary>Checks the stream ended properly and builds the last update: usage (if sent) and the provider info.</summary>
    /// <exception cref="InvalidDataException">The stream was truncated: no <see cref="DoneSentinel"/>, no choices, or a choice without a finish reason.</exception>
    public ChatResponseUpdate Complete(ProviderResponseInfo info)
    {
        if (!IsDone)
        {
            throw new InvalidDataException($"the stream ended after {_chunks} chunk(s) without 'data: [DONE]' (truncated).");
        }

        if (_choices.Count == 0)
        {
            throw new InvalidDataException($"the stream ended after {_chunks} chunk(s) without any choice.");
        }

        foreach ((int index, ChatFinishReason? finish) in _choices)
        {
            if (finish is null)
            {
                throw new InvalidDataException($"the stream ended without a finish_reason for choice {index} (truncated).");
            }
        }

        var final = new ChatResponseUpdate(ChatRole.Assistant, [])
        {
            ResponseId = _id,
            ModelId = _model,
            CreatedAt = _created,
            FinishReason = _choices.OrderBy(c => c.Key).First().Value,
            AdditionalProperties = new() { [ProviderResponseInfo.AdditionalPropertiesKey] = info },
        };
        if (_usage is not null)
        {
            final.Contents.Add(new UsageContent(_usage));
        }

        return final;
    }

    private ChatResponseUpdate ReadChoice(JsonElement choice, int position)
    {
        if (choice.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"stream chunk {_chunks}: choice {position} is not a JSON object.");
        }

        int index = WireJson.Index(choice, position);
        ChatFinishReason? finish = WireJson.FinishReason(choice);
        if (!_choices.TryGetValue(index, out ChatFinishReason? previous) || previous is null)
        {
            _choices[index] = finish;
        }

        var update = new ChatResponseUpdate(ChatRole.Assistant, [])
        {
            ResponseId = _id,
            MessageId = ChatCompletionReader.ChoiceMessageId(_id, index),
            ModelId = _model,
            CreatedAt = _created,
            FinishReason = finish,
            AdditionalProperties = ChatCompletionReader.Tag(index, finish),
        };
        if (choice.TryGetProperty("delta", out JsonElement delta) && delta.ValueKind == JsonValueKind.Object
            && WireJson.Content(delta, $"stream chunk {_chunks}, choice {index}") is { Length: > 0 } text)
        {
            update.Contents.Add(new TextContent(text));
        }

        return update;
    }
}
