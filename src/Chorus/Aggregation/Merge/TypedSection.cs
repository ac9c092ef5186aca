using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;

namespace Chorus.Aggregation;

/// <summary>Builds branches that return a typed section as structured output, for <see cref="Aggregators.Merge{T}"/>.</summary>
public static class TypedSection
{
    /// <summary>Creates a branch whose response format is the JSON schema of <typeparamref name="TSection"/> (from System.Text.Json's exporter).</summary>
    /// <typeparam name="TSection">The section's type: the fields this branch is responsible for.</typeparam>
    /// <param name="label">The section's label.</param>
    /// <param name="client">The client that answers.</param>
    /// <param name="prompt">What the section is about.</param>
    /// <param name="typeInfo">The section type's metadata.</param>
    /// <param name="options">Further call options; cloned, and the clone's response format is set.</param>
    /// <returns>The branch.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> or <paramref name="typeInfo"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="label"/> or <paramref name="prompt"/> is blank.</exception>
    public static Branch Create<TSection>(string label, IChatClient client, string prompt, JsonTypeInfo<TSection> typeInfo, ChatOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        ArgumentNullException.ThrowIfNull(typeInfo);
        ChatOptions copy = options?.Clone() ?? new ChatOptions();
        copy.ResponseFormat = StructuredOutput.FormatFor(typeInfo, SchemaName(typeof(TSection).Name), $"The {label} section.");
        return new Branch(label, client, prompt, copy);
    }

    private static string SchemaName(string typeName) =>
        new([.. typeName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_')]);
}
