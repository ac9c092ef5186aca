namespace Chorus.Recipes;

/// <summary>One document to summarize.</summary>
/// <param name="Id">The document's id, unique among the documents; it names the document in provenance.</param>
/// <param name="Text">The document's text.</param>
public sealed record SourceDocument(string Id, string Text);
