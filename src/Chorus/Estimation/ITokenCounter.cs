namespace Chorus.Estimation;

/// <summary>Counts the tokens of a text for one model family: a real tokenizer, or a labelled heuristic.</summary>
/// <remarks>Implementations must be thread-safe: one counter serves every branch and the scheduler at once.</remarks>
public interface ITokenCounter
{
    /// <summary>Gets the counter's name, as reports show it (for example <c>o200k_base</c> or <c>heuristic chars/4</c>).</summary>
    string Name { get; }

    /// <summary>Gets a value indicating whether the count is a heuristic rather than the model's own tokenizer.</summary>
    bool IsHeuristic { get; }

    /// <summary>Counts the tokens of a text.</summary>
    /// <param name="text">The text; <see langword="null"/> or empty counts 0.</param>
    /// <returns>The token count.</returns>
    long Count(string? text);
}
