using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Chorus.Recipes;

namespace Chorus.Tests.Recipes;

public partial class MapReduceTests
{
    [Fact]
    public void Chunk_LongDocument_CutsAtParagraphsUnderBudgetWithExactOffsets()
    {
        string text = string.Join("\n\n", Enumerable.Range(0, 6).Select(i => $"Paragraph {i} says something. It has two sentences about topic {i}."));
        var document = new SourceDocument("doc", text);

        IReadOnlyList<TextChunk> chunks = TextChunker.Chunk(document, maxTokens: 40);

        Assert.True(chunks.Count > 1);
        Assert.All(chunks, c => Assert.True(TokenCount(c.Text) <= 40, $"{c.Location} has {TokenCount(c.Text)} tokens"));
        Assert.All(chunks, c => Assert.Equal(c.Text, text.Substring(c.Start, c.Length)));
        Assert.All(chunks, c => Assert.StartsWith("Paragraph", c.Text));   // cut at paragraph breaks
        Assert.Equal(Enumerable.Range(0, chunks.Count), chunks.Select(c => c.Index));
        Assert.Equal(text.Replace("\n", string.Empty, StringComparison.Ordinal), string.Concat(chunks.Select(c => c.Text.Replace("\n", string.Empty, StringComparison.Ordinal))));
    }

    [Fact]
    public void Chunk_NoBreaks_HardCutsUnderBudget()
    {
        IReadOnlyList<TextChunk> chunks = TextChunker.Chunk(new SourceDocument("d", new string('x', 100)), maxTokens: 10);

        Assert.Equal(3, chunks.Count);   // 40 + 40 + 20 characters at 4 characters per token
        Assert.Equal([40, 40, 20], chunks.Select(c => c.Length));
    }

    [Fact]
    public async Task SummarizeAsync_FitsContext_OneFinalReduceWithCitedProvenance()
    {
        SourceDocument[] docs = [new("a", "Alpha makes apples. More text."), new("b", "Beta builds boats. More text."), new("c", "Gamma grows grapes. More text.")];
        var reducer = new ReducerFake();

        MapReduceResult result = await Chorus.Recipes.MapReduce.SummarizeAsync(reducer.Client, docs, new MapReduceOptions { ContextTokens = 1000 });

        Assert.Equal(0, result.ReduceLevels);
        Assert.Equal(2, result.Reports.Count);   // map, final reduce
        Assert.Equal(["Alpha makes apples and Beta builds boats.", "Gamma grows grapes."], result.Lines.Select(l => l.Text));
        Assert.Equal(["a", "b"], result.Lines[0].Sources.Select(s => s.DocumentId));
        Assert.Equal(["c"], result.Lines[1].Sources.Select(s => s.DocumentId));
        Assert.All(result.Lines, l => Assert.False(l.Inferred));
    }

    [Fact]
    public async Task SummarizeAsync_NotesExceedContext_ReducesHierarchicallyAndKeepsProvenance()
    {
        SourceDocument[] docs = [.. Enumerable.Range(0, 8).Select(i => new SourceDocument($"d{i}", $"Item{i} is about topic{i}. Filler sentence."))];
        var reducer = new ReducerFake();

        MapReduceResult result = await Chorus.Recipes.MapReduce.SummarizeAsync(reducer.Client, docs, new MapReduceOptions { ContextTokens = 20 });

        Assert.True(result.ReduceLevels >= 1, $"levels {result.ReduceLevels}");
        Assert.Equal(result.ReduceLevels + 2, result.Reports.Count);
        Assert.Contains(reducer.Prompts, p => p.Contains("[r1-0]", StringComparison.Ordinal));   // a second level saw first-level ids
        // Every chunk reaches the final summary through citations, each exactly once.
        Assert.Equal(docs.Select(d => d.Id), result.Lines.SelectMany(l => l.Sources).Select(s => s.DocumentId).Order());
    }

    [Fact]
    public void Trace_NoCitation_InfersSourceByWordOverlap()
    {
        var a = new TextChunk("a", 0, 0, 5, "apples");
        var b = new TextChunk("b", 0, 0, 5, "boats");
        Chorus.Recipes.MapReduce.Note[] inputs = [new("m0", "Alpha makes apples", [a], false), new("m1", "Beta builds boats", [b], false)];

        Chorus.Recipes.MapReduce.Note traced = Chorus.Recipes.MapReduce.Trace("s0", "Somebody builds boats here", inputs);

        Assert.True(traced.Inferred);
        Assert.Equal([b], traced.Sources);
        Assert.Equal("Somebody builds boats here", traced.Text);
    }

    [Fact]
    public void Options_DefaultsAndValidation_ArePinned()
    {
        var options = new MapReduceOptions();

        Assert.Equal(800, options.ChunkTokens);
        Assert.Equal(3000, options.ContextTokens);
        Assert.Equal(MapReducePrompts.Map, options.MapPrompt);
        Assert.Equal(MapReducePrompts.Reduce, options.ReducePrompt);
        Assert.Null(options.Runner);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.ContextTokens = 0);
        Assert.StartsWith("MapPrompt must contain {text}; got 'Summarize'.", Assert.Throws<ArgumentException>(() => options.MapPrompt = "Summarize").Message);
    }

    private static int TokenCount(string text) => (text.Length + 3) / 4;

    /// <summary>Map: quotes the chunk's first sentence. Reduce: pairs the notes up, one line per pair, citing both ids.</summary>
    private sealed partial class ReducerFake
    {
        public ReducerFake()
        {
            Client = new ScriptedChatClient((messages, _, _) =>
            {
                string prompt = messages.Last().Text;
                lock (Prompts)
                {
                    Prompts.Add(prompt);
                }

                string body = prompt[(prompt.IndexOf(":\n", StringComparison.Ordinal) + 2)..];
                if (prompt.StartsWith("Summarize the following text", StringComparison.Ordinal))
                {
                    return Task.FromResult(ScriptedChatClient.Reply(body[..(body.IndexOf('.', StringComparison.Ordinal) + 1)]));
                }

                List<(string Id, string Text)> notes = [.. NoteLine().Matches(body).Select(m => (m.Groups[1].Value, m.Groups[2].Value.TrimEnd('.')))];
                var lines = new List<string>();
                for (int i = 0; i < notes.Count; i += 2)
                {
                    lines.Add(i + 1 < notes.Count
                        ? $"{notes[i].Text} and {notes[i + 1].Text}. [{notes[i].Id}][{notes[i + 1].Id}]"
                        : $"{notes[i].Text}. [{notes[i].Id}]");
                }

                return Task.FromResult(ScriptedChatClient.Reply(string.Join("\n", lines)));
            });
        }

        public ScriptedChatClient Client { get; }

        public List<string> Prompts { get; } = [];

        [GeneratedRegex(@"^\[([\w\-]+)\] (.*)$", RegexOptions.Multiline)]
        private static partial Regex NoteLine();
    }
}
