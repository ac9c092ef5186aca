namespace Chorus.Simulator;

/// <summary>The simulator's token counter: an approximation of about four characters per token, not a real tokenizer.</summary>
/// <remarks>Real BPE tokenizers average roughly four characters of English per token; this keeps usage numbers plausible and
/// exactly predictable in tests. Thread-safe (pure functions).</remarks>
public static class SimulatedTokenizer
{
    /// <summary>The characters counted as one token.</summary>
    public const int CharsPerToken = 4;

    /// <summary>The tokens added per chat message for its role and framing.</summary>
    public const int TokensPerMessage = 4;

    /// <summary>Counts the tokens in a text: <c>ceil(length / 4)</c>.</summary>
    /// <param name="text">The text; <see langword="null"/> counts as empty.</param>
    /// <returns>The approximate token count; 0 for an empty text.</returns>
    public static int Count(string? text) => string.IsNullOrEmpty(text) ? 0 : (text.Length + CharsPerToken - 1) / CharsPerToken;

    /// <summary>Counts the prompt tokens of a conversation: the sum over messages of <c>Count(content) + 4</c>.</summary>
    /// <param name="contents">The text content of each message.</param>
    /// <returns>The approximate prompt token count.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="contents"/> is <see langword="null"/>.</exception>
    public static int CountPrompt(IEnumerable<string?> contents)
    {
        ArgumentNullException.ThrowIfNull(contents);
        int total = 0;
        foreach (string? content in contents)
        {
            total += Count(content) + TokensPerMessage;
        }

        return total;
    }

    /// <summary>Cuts a text to at most <paramref name="maxTokens"/> tokens (<c>4 × maxTokens</c> characters).</summary>
    /// <param name="text">The text.</param>
    /// <param name="maxTokens">The token budget; zero or more.</param>
    /// <returns>The text, or its prefix when it is longer than the budget.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxTokens"/> is negative.</exception>
    public static string Truncate(string text, int maxTokens)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(maxTokens);
        long maxChars = (long)maxTokens * CharsPerToken;
        return text.Length <= maxChars ? text : text[..(int)maxChars];
    }
}
