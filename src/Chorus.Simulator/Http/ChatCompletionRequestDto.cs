using System.Text.Json;

namespace Chorus.Simulator;

/// <summary>The fields of an OpenAI chat-completions request that the simulator reads; others are ignored.</summary>
internal sealed class ChatCompletionRequestDto
{
    public string? Model { get; set; }

    public List<ChatMessageDto>? Messages { get; set; }

    public int? N { get; set; }

    public long? Seed { get; set; }

    public double? Temperature { get; set; }

    public int? MaxTokens { get; set; }

    public int? MaxCompletionTokens { get; set; }

    public bool? Stream { get; set; }

    public StreamOptionsDto? StreamOptions { get; set; }

    public ResponseFormatDto? ResponseFormat { get; set; }
}

/// <summary>One request message; <see cref="Content"/> is a string or an array of parts.</summary>
internal sealed class ChatMessageDto
{
    public string? Role { get; set; }

    public JsonElement Content { get; set; }

    /// <summary>Gets the text: the string, or the <c>text</c> parts joined.</summary>
    public string Text() => Content.ValueKind switch
    {
        JsonValueKind.String => Content.GetString() ?? string.Empty,
        JsonValueKind.Array => string.Concat(Content.EnumerateArray()
            .Where(p => p.ValueKind == JsonValueKind.Object && p.TryGetProperty("text", out JsonElement t) && t.ValueKind == JsonValueKind.String)
            .Select(p => p.GetProperty("text").GetString())),
        _ => string.Empty,
    };
}

/// <summary>The <c>stream_options</c> object.</summary>
internal sealed class StreamOptionsDto
{
    public bool? IncludeUsage { get; set; }
}

/// <summary>The <c>response_format</c> object.</summary>
internal sealed class ResponseFormatDto
{
    public string? Type { get; set; }

    public JsonSchemaDto? JsonSchema { get; set; }
}

/// <summary>The <c>response_format.json_schema</c> object: its name picks judge modes, its schema shapes structured replies.</summary>
internal sealed class JsonSchemaDto
{
    public string? Name { get; set; }

    public System.Text.Json.JsonElement? Schema { get; set; }
}
