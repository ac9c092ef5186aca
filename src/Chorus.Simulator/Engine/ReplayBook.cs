using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace Chorus.Simulator;

/// <summary>Recorded samples per question, served in a seeded order: the k-th request for a question gets the k-th sample of a
/// fixed permutation of its samples, wrapping around.</summary>
/// <remarks>Thread-safe: the per-question counters are the only mutable state.</remarks>
internal sealed class ReplayBook
{
    private readonly Dictionary<string, Entry> _byText;
    private readonly Dictionary<string, Entry> _byId;
    private readonly Entry[] _longestFirst;
    private readonly ConcurrentDictionary<string, int> _served = new(StringComparer.Ordinal);

    private ReplayBook(List<Entry> entries)
    {
        _byText = [];
        _byId = [];
        foreach (Entry entry in entries)
        {
            _byText.TryAdd(entry.Question, entry);
            _byId.TryAdd(entry.Id, entry);
        }

        _longestFirst = [.. entries.OrderByDescending(e => e.Question.Length)];
    }

    public int Count => _longestFirst.Length;

    public static ReplayBook Load(string path, int seed)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var entries = new List<Entry>();
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            ReplayRecord? record;
            try
            {
                record = JsonSerializer.Deserialize(line, SimulatorJsonContext.Default.ReplayRecord);
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"Replay file '{path}' line {lineNumber} is not valid JSON: {ex.Message}", ex);
            }

            if (record?.Question is not { Length: > 0 } question)
            {
                throw new InvalidDataException($"Replay file '{path}' line {lineNumber} has no \"question\".");
            }

            string[] texts = Texts(record);
            if (texts.Length == 0)
            {
                throw new InvalidDataException($"Replay file '{path}' line {lineNumber} has neither \"samples\" nor \"answers\".");
            }

            string id = record.Id ?? lineNumber.ToString(CultureInfo.InvariantCulture);
            entries.Add(new Entry(id, question.Trim(), texts, Permutation(texts.Length, StableHash.Combine((ulong)seed, "replay:" + id))));
        }

        return new ReplayBook(entries);
    }

    /// <summary>Finds the question a message asks: its exact text or id, else the longest question the message contains.</summary>
    public Entry? Match(string lastUserMessage)
    {
        string trimmed = lastUserMessage.Trim();
        if (_byText.TryGetValue(trimmed, out Entry? entry) || _byId.TryGetValue(trimmed, out entry))
        {
            return entry;
        }

        foreach (Entry candidate in _longestFirst)
        {
            if (trimmed.Contains(candidate.Question, StringComparison.Ordinal))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Takes the next <paramref name="count"/> samples of a question, or the first ones when <paramref name="fixedOrder"/>
    /// (a request with a seed or temperature 0 always gets the same answer).</summary>
    public IReadOnlyList<string> Take(Entry entry, int count, bool fixedOrder)
    {
        int start = fixedOrder ? 0 : _served.AddOrUpdate(entry.Id, count, (_, served) => served + count) - count;
        var taken = new string[count];
        for (int i = 0; i < count; i++)
        {
            taken[i] = entry.Texts[entry.Order[(start + i) % entry.Order.Length]];
        }

        return taken;
    }

    private static string[] Texts(ReplayRecord record)
    {
        int count = Math.Max(record.Samples?.Count ?? 0, record.Answers?.Count ?? 0);
        var texts = new string[count];
        for (int i = 0; i < count; i++)
        {
            string? sample = record.Samples is { } samples && i < samples.Count ? samples[i] : null;
            string? answer = record.Answers is { } answers && i < answers.Count ? AnswerText(answers[i]) : null;
            texts[i] = sample ?? (answer is null ? "I could not work out the answer." : $"The answer is {answer}.");
        }

        return texts;
    }

    private static string? AnswerText(JsonElement answer) => answer.ValueKind switch
    {
        JsonValueKind.String => answer.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => answer.GetRawText(),
        _ => null,
    };

    private static int[] Permutation(int length, ulong seed)
    {
        int[] order = [.. Enumerable.Range(0, length)];
        var random = new SimRandom(seed);
        for (int i = length - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    /// <summary>One question's samples and their seeded serving order.</summary>
    internal sealed record Entry(string Id, string Question, string[] Texts, int[] Order);
}
