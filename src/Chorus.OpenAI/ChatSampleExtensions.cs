using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Chorus.Recipes;

namespace Chorus.OpenAI;

/// <summary>Asks for several samples of one prompt in a single request (OpenAI's <c>n</c>) and reads them back.</summary>
/// <remarks>
/// One request with <c>n = 5</c> pays for the prompt once and returns five independent completions, which is what a voting
/// runner wants. <see cref="OpenAICompatibleChatClient"/> answers such a request with one <see cref="ChatResponse"/> whose
/// <see cref="ChatResponse.Messages"/> holds one assistant message per choice, in choice order, each tagged with its
/// index (<see cref="ChoiceIndexKey"/>) and finish reason (<see cref="ChoiceFinishReasonKey"/>). <see cref="ChatResponse.Usage"/>
/// is reported once, for the whole request. Note that <see cref="ChatResponse.Text"/> concatenates all the samples; use
/// <see cref="GetSamples"/> instead.
/// </remarks>
public static class ChatSampleExtensions
{
    /// <summary>The <see cref="ChatOptions.AdditionalProperties"/> key holding the sample count; sent as <c>n</c>.</summary>
    public const string SampleCountKey = "n";

    /// <summary>The <see cref="ChatMessage.AdditionalProperties"/> (and streaming <see cref="ChatResponseUpdate.AdditionalProperties"/>) key
    /// holding the choice index (an <see cref="int"/>).</summary>
    public const string ChoiceIndexKey = "chorus.choice_index";

    /// <summary>The <see cref="ChatMessage.AdditionalProperties"/> key holding the choice's <see cref="ChatFinishReason"/>, when the provider sent one.</summary>
    public const string ChoiceFinishReasonKey = "chorus.finish_reason";

    /// <summary>Returns a copy of <paramref name="options"/> that asks for <paramref name="count"/> samples in one request.</summary>
    /// <param name="options">The options to copy; not changed.</param>
    /// <param name="count">How many samples; at least 1 (OpenAI allows up to 128).</param>
    /// <returns>A clone with <see cref="SampleCountKey"/> set.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
    public static ChatOptions WithSampleCount(this ChatOptions options, int count)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ChatOptions clone = options.Clone();
        clone.AdditionalProperties = clone.AdditionalProperties?.Clone() ?? [];
        clone.AdditionalProperties[SampleCountKey] = count;
        return clone;
    }

    /// <summary>Gets how many samples <paramref name="options"/> asks for.</summary>
    /// <param name="options">The options, or <see langword="null"/>.</param>
    /// <returns>The value under <see cref="SampleCountKey"/>, or 1 when it is not set.</returns>
    /// <exception cref="ArgumentException">The value is not a whole number of at least 1.</exception>
    public static int GetSampleCount(this ChatOptions? options)
    {
        if (options?.AdditionalProperties is not { } properties || !properties.TryGetValue(SampleCountKey, out object? value) || value is null)
        {
            return 1;
        }

        int? count = value switch
        {
            int i => i,
            long l when l is >= 1 and <= int.MaxValue => (int)l,
            JsonElement { ValueKind: JsonValueKind.Number } e when e.TryGetInt32(out int i) => i,
            string s when int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int i) => i,
            _ => null,
        };
        return count is >= 1
            ? count.Value
            : throw new ArgumentException($"ChatOptions.AdditionalProperties[\"{SampleCountKey}\"] must be a whole number of at least 1, was '{value}'.", nameof(options));
    }

    /// <summary>Gets the samples of a response: its assistant messages, in choice order.</summary>
    /// <param name="response">The response.</param>
    /// <returns>One message per choice; a single message when the request asked for one sample.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="response"/> is <see langword="null"/>.</exception>
    public static IReadOnlyList<ChatMessage> GetSamples(this ChatResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return [.. response.Messages
            .Where(m => m.Role == ChatRole.Assistant)
            .Select((m, position) => (Message: m, Index: m.GetChoiceIndex() ?? position))
            .OrderBy(x => x.Index)
            .Select(x => x.Message)];
    }

    /// <summary>Gets the choice index a message or update was tagged with.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The index, or <see langword="null"/> when it is not tagged.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is <see langword="null"/>.</exception>
    public static int? GetChoiceIndex(this ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.AdditionalProperties?.TryGetValue(ChoiceIndexKey, out object? value) == true && value is int index ? index : null;
    }
}
