namespace Chorus.Simulator;

/// <summary>One chat request as the engine sees it, free of any transport.</summary>
internal sealed record SimulatedRequest(IReadOnlyList<SimulatedMessage> Messages)
{
    public int N { get; init; } = 1;

    public long? Seed { get; init; }

    public double? Temperature { get; init; }

    public int? MaxTokens { get; init; }

    /// <summary>Gets the <c>response_format.type</c>: <c>text</c>, <c>json_object</c> or <c>json_schema</c>; null for text.</summary>
    public string? ResponseFormat { get; init; }

    public string? SchemaName { get; init; }

    /// <summary>Gets the JSON schema of a <c>json_schema</c> response format, when one was sent; structured replies follow it.</summary>
    public System.Text.Json.JsonElement? Schema { get; init; }

    public bool Stream { get; init; }
}

/// <summary>One message of a <see cref="SimulatedRequest"/>: its role and its text.</summary>
internal sealed record SimulatedMessage(string Role, string Content);
