namespace Chorus.Recipes;

/// <summary>One line of a summary and the chunks it came from.</summary>
/// <param name="Text">The line, without citation ids.</param>
/// <param name="Sources">The source chunks behind it, in document order.</param>
/// <param name="Inferred">
/// <see langword="false"/> when the model cited the notes it used (or the line is a direct map output); <see langword="true"/> when it cited
/// none and the sources were inferred from the note it shares the most words with.
/// </param>
public sealed record SummaryLine(string Text, IReadOnlyList<TextChunk> Sources, bool Inferred);
