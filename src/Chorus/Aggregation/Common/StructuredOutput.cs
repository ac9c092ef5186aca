using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;

namespace Chorus.Aggregation;

/// <summary>Structured output: JSON schemas from .NET types (System.Text.Json's <see cref="JsonSchemaExporter"/>) and tolerant reading of replies.</summary>
/// <remarks>
/// The schema is made strict the way OpenAI's structured outputs expect: every object gets <c>"additionalProperties": false</c>.
/// Use a <see cref="JsonTypeInfo{T}"/> from a source-generated context with <c>RespectRequiredConstructorParameters</c> and
/// <c>RespectNullableAnnotations</c> so required members are listed as required and non-nullable strings are not nullable.
/// </remarks>
public static class StructuredOutput
{
    private static readonly JsonSchemaExporterOptions ExporterOptions = new()
    {
        TreatNullObliviousAsNonNullable = true,
        TransformSchemaNode = static (context, node) =>
        {
            if (node is JsonObject schema && IsObjectSchema(schema) && !schema.ContainsKey("additionalProperties"))
            {
                schema["additionalProperties"] = false;
            }

            return node;
        },
    };

    /// <summary>Exports the JSON schema of <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The type the model must return.</typeparam>
    /// <param name="typeInfo">The type's metadata, for example from a source-generated context.</param>
    /// <returns>The schema, as a mutable node the caller owns (for example to add an <c>enum</c>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="typeInfo"/> is <see langword="null"/>.</exception>
    public static JsonNode SchemaNodeFor<T>(JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return typeInfo.GetJsonSchemaAsNode(ExporterOptions);
    }

    /// <summary>Exports the JSON schema of <typeparamref name="T"/> as an element.</summary>
    /// <typeparam name="T">The type the model must return.</typeparam>
    /// <param name="typeInfo">The type's metadata.</param>
    /// <returns>The schema.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="typeInfo"/> is <see langword="null"/>.</exception>
    public static JsonElement SchemaFor<T>(JsonTypeInfo<T> typeInfo) => ToElement(SchemaNodeFor(typeInfo));

    /// <summary>Builds a response format that asks for <typeparamref name="T"/> as JSON matching its exported schema.</summary>
    /// <typeparam name="T">The type the model must return.</typeparam>
    /// <param name="typeInfo">The type's metadata.</param>
    /// <param name="schemaName">The schema's name, sent to the provider (letters, digits, <c>_</c> and <c>-</c>).</param>
    /// <param name="description">What the object is, for the model; <see langword="null"/> for none.</param>
    /// <returns>A JSON-schema response format.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="typeInfo"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="schemaName"/> is blank.</exception>
    public static ChatResponseFormat FormatFor<T>(JsonTypeInfo<T> typeInfo, string schemaName, string? description = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(schemaName);
        return ChatResponseFormat.ForJsonSchema(SchemaFor(typeInfo), schemaName, description);
    }

    /// <summary>Reads a reply as <typeparamref name="T"/>: the first JSON object in it (inside a code fence when there is one), tolerating prose around it.</summary>
    /// <typeparam name="T">The type to read.</typeparam>
    /// <param name="reply">The model's text.</param>
    /// <param name="typeInfo">The type's metadata.</param>
    /// <param name="value">The value read, when this returns <see langword="true"/>.</param>
    /// <param name="error">Why the reply could not be read, when this returns <see langword="false"/>.</param>
    /// <returns><see langword="true"/> when a value was read.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="typeInfo"/> is <see langword="null"/>.</exception>
    public static bool TryRead<T>(string? reply, JsonTypeInfo<T> typeInfo, out T? value, out string? error)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        value = default;
        if (!JsonReply.TryParseObject(reply, out JsonElement root))
        {
            error = "the reply holds no JSON object";
            return false;
        }

        try
        {
            value = JsonSerializer.Deserialize(JsonReply.Canonical(root), typeInfo);
            error = value is null ? "the reply's JSON was null" : null;
            return value is not null;
        }
        catch (JsonException ex)
        {
            error = $"the reply's JSON does not match {typeof(T).Name}: {ex.Message}";
            return false;
        }
    }

    /// <summary>Converts a node to a detached element.</summary>
    internal static JsonElement ToElement(JsonNode node)
    {
        using JsonDocument document = JsonDocument.Parse(node.ToJsonString());
        return document.RootElement.Clone();
    }

    private static bool IsObjectSchema(JsonObject schema) =>
        schema["type"] switch
        {
            JsonValue v when v.TryGetValue(out string? t) => t == "object",
            JsonArray a => a.Any(x => x?.GetValue<string>() == "object"),
            _ => schema.ContainsKey("properties"),
        };
}
