using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Chorus.Aggregation;
using Chorus.Internal;
using Chorus.Reporting;
using Chorus.Estimation;

namespace Chorus.Recipes;

/// <summary>
/// Map-reduce summarization over many documents: chunk by a token budget, summarize every chunk in parallel (map), then combine the notes;
/// when the notes exceed the context budget they are combined in groups, level by level (hierarchical reduce), until one final reduce fits.
/// Every summary line keeps its provenance: the source chunks behind it, through the ids the model cites.
/// </summary>
public static partial class MapReduce
{
    private const int MaxLevels = 12;

    /// <summary>Summarizes the documents.</summary>
    /// <param name="client">The model that summarizes.</param>
    /// <param name="documents">The documents; ids must be unique.</param>
    /// <param name="options">Budgets, prompts, runner and limits; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The summary lines with their sources, the chunks, and every run's report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> or <paramref name="documents"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">There are no documents with text, or two share an id.</exception>
    /// <exception cref="RunFailedException">A map or reduce run failed (for example no chunk could be summarized).</exception>
    public static async Task<MapReduceResult> SummarizeAsync(IChatClient client, IEnumerable<SourceDocument> documents, MapReduceOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(documents);
        options ??= new MapReduceOptions();
        (int chunkTokens, int contextTokens, string mapPrompt, string reducePrompt) = (options.ChunkTokens, options.ContextTokens, options.MapPrompt, options.ReducePrompt);
        PlanRunner runner = options.Runner ?? PlanRunner.Default;
        RunLimits limits = options.Limits ?? new RunLimits();
        Func<string, int> count = options.TokenCounter ?? (t => (int)TokenEstimator.Count(t));
        SourceDocument[] docs = [.. documents];
        if (docs.Select(d => d.Id).Distinct(StringComparer.Ordinal).Count() != docs.Length)
        {
            throw new ArgumentException("Two documents share an id; ids must be unique.", nameof(documents));
        }

        List<TextChunk> chunks = [.. docs.SelectMany(d => TextChunker.Chunk(d, chunkTokens, count))];
        if (chunks.Count == 0)
        {
            throw new ArgumentException("There is nothing to summarize: the documents hold no text.", nameof(documents));
        }

        var reports = new List<RunReport>();
        Branch[] mapBranches = [.. chunks.Select((c, i) => new Branch($"m{i}", client, AggregationText.Render(mapPrompt, new Dictionary<string, string> { ["text"] = c.Text })))];
        RunResult<SectionedText> mapped = await runner.RunAsync(Plans.Sections("map", mapBranches, null, FailurePolicy.BestEffort, limits), cancellationToken).ConfigureAwait(false);
        reports.Add(mapped.Report);
        List<Note> notes = [];
        foreach (Section section in mapped.Value.Sections)
        {
            TextChunk source = chunks[section.Index];
            notes.AddRange(Lines(section.Text).Select(line => new Note($"m{notes.Count}", line, [source], false)));
        }

        int levels = 0;
        while (Tokens(notes, count) > contextTokens && levels < MaxLevels)
        {
            List<List<Note>> groups = Group(notes, contextTokens, count);
            levels++;
            List<Note> reduced = await ReduceAsync(runner, client, reducePrompt, limits, groups, $"reduce-{levels}", $"r{levels}-", reports, cancellationToken).ConfigureAwait(false);
            if (Tokens(reduced, count) >= Tokens(notes, count))
            {
                notes = reduced;
                break;   // The model is not shrinking the notes; stop rather than loop.
            }

            notes = reduced;
        }

        List<Note> final = await ReduceAsync(runner, client, reducePrompt, limits, [notes], "reduce-final", "s", reports, cancellationToken).ConfigureAwait(false);
        return new MapReduceResult([.. final.Select(n => new SummaryLine(n.Text, n.Sources, n.Inferred))], chunks, levels, reports);
    }

    private static async Task<List<Note>> ReduceAsync(
        PlanRunner runner, IChatClient client, string prompt, RunLimits limits, List<List<Note>> groups, string name, string idPrefix, List<RunReport> reports, CancellationToken cancellationToken)
    {
        Branch[] branches = [.. groups.Select((g, i) => new Branch($"{name}-{i}", client, AggregationText.Render(prompt, new Dictionary<string, string> { ["notes"] = Render(g) })))];
        RunResult<SectionedText> result = await runner.RunAsync(Plans.Sections(name, branches, null, FailurePolicy.BestEffort, limits), cancellationToken).ConfigureAwait(false);
        reports.Add(result.Report);
        var output = new List<Note>();
        foreach (Section section in result.Value.Sections)
        {
            List<Note> inputs = groups[section.Index];
            foreach (string line in Lines(section.Text))
            {
                output.Add(Trace($"{idPrefix}{output.Count}", line, inputs));
            }
        }

        // A group whose reduce failed keeps its notes, so no source is silently dropped.
        foreach (MissingSection missing in result.Value.Missing)
        {
            output.AddRange(groups[missing.Index].Select(n => n with { Id = $"{idPrefix}{output.Count}" }));
        }

        return output;
    }

    /// <summary>The sources of a reduced line: the union of the notes it cites; without citations, the note it shares the most words with.</summary>
    internal static Note Trace(string id, string line, IReadOnlyList<Note> inputs)
    {
        var cited = new List<Note>();
        foreach (Match match in Citation().Matches(line))
        {
            if (inputs.FirstOrDefault(n => n.Id == match.Groups[1].Value) is { } note && !cited.Contains(note))
            {
                cited.Add(note);
            }
        }

        string text = Citation().Replace(line, string.Empty).Trim();
        text = Regex.Replace(text, @"\s{2,}", " ");
        if (cited.Count > 0)
        {
            return new Note(id, text, Union(cited), cited.Any(n => n.Inferred));
        }

        HashSet<string> words = Words(text);
        Note best = inputs.MaxBy(n => Words(n.Text).Count(words.Contains)) ?? inputs[0];
        return new Note(id, text, best.Sources, true);
    }

    private static List<TextChunk> Union(List<Note> notes) =>
        [.. notes.SelectMany(n => n.Sources).Distinct().OrderBy(c => c.DocumentId, StringComparer.Ordinal).ThenBy(c => c.Index)];

    private static HashSet<string> Words(string text) =>
        [.. Regex.Split(text.ToLowerInvariant(), @"\W+").Where(w => w.Length > 3)];

    private static List<List<Note>> Group(List<Note> notes, int contextTokens, Func<string, int> count)
    {
        var groups = new List<List<Note>> { new() };
        int used = 0;
        foreach (Note note in notes)
        {
            int tokens = count(Render([note]));
            if (groups[^1].Count >= 2 && used + tokens > contextTokens)
            {
                groups.Add([]);
                used = 0;
            }

            groups[^1].Add(note);
            used += tokens;
        }

        return groups;
    }

    private static int Tokens(List<Note> notes, Func<string, int> count) => count(Render(notes));

    private static string Render(IEnumerable<Note> notes)
    {
        var builder = new StringBuilder();
        foreach (Note note in notes)
        {
            builder.Append('[').Append(note.Id).Append("] ").Append(note.Text).Append('\n');
        }

        return builder.ToString().TrimEnd('\n');
    }

    private static IEnumerable<string> Lines(string text) =>
        text.Split('\n').Select(l => l.Trim().TrimStart('-', '*', '•').Trim()).Where(l => l.Length > 0);

    [GeneratedRegex(@"\[([a-z][\w\-]*)\]", RegexOptions.CultureInvariant)]
    private static partial Regex Citation();

    /// <summary>One note between levels: its id as shown to the model, its text, its sources and whether they were inferred.</summary>
    internal sealed record Note(string Id, string Text, IReadOnlyList<TextChunk> Sources, bool Inferred);
}
