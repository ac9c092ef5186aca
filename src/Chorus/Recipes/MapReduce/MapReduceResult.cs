using Chorus.Reporting;

namespace Chorus.Recipes;

/// <summary>The summary of many documents, each line with its provenance, and the reports of every run it took.</summary>
/// <param name="Lines">The final summary's lines, with their sources.</param>
/// <param name="Chunks">Every chunk the documents were cut into.</param>
/// <param name="ReduceLevels">How many reduce levels ran before the final one (0 when the map outputs fit the context at once).</param>
/// <param name="Reports">The report of every run: the map, each intermediate reduce level, the final reduce.</param>
public sealed record MapReduceResult(IReadOnlyList<SummaryLine> Lines, IReadOnlyList<TextChunk> Chunks, int ReduceLevels, IReadOnlyList<RunReport> Reports)
{
    /// <summary>Gets the summary as text, one line per line.</summary>
    public string Text => string.Join("\n", Lines.Select(l => l.Text));
}
