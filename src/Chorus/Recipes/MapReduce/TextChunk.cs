namespace Chorus.Recipes;

/// <summary>A piece of a document that fits the token budget, with its place in the document.</summary>
/// <param name="DocumentId">The document's id.</param>
/// <param name="Index">The chunk's position in the document, from 0.</param>
/// <param name="Start">The offset of its first character in the document's text.</param>
/// <param name="Length">Its length in characters.</param>
/// <param name="Text">Its text.</param>
public sealed record TextChunk(string DocumentId, int Index, int Start, int Length, string Text)
{
    /// <summary>Gets where the chunk is, as <c>doc#2[1200..1850)</c>.</summary>
    public string Location => $"{DocumentId}#{Index}[{Start}..{Start + Length})";
}
