using System.Globalization;
using System.IO.Compression;
using System.Text.Json;

namespace Chorus.Benchmarks.Voting;

/// <summary>
/// Reads a recorded voting set: the shared voting format (<c>id, question, gold, samples[], answers[]</c>, <c>samples</c> may be
/// null), or LLMBar-style judgments (<c>subset, idx, judge, strategy, label, winner_noswap, winner_swap</c>), where every judgment in
/// both orders is a panel vote on the item and the judge is the voter. Gzip files are read transparently.
/// </summary>
internal static class VotingDataset
{
    public static (string Name, List<VotingQuestion> Questions) Load(string path, string? strategy)
    {
        var lines = ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
        if (lines.Count == 0)
        {
            throw new InvalidDataException($"'{path}' has no records.");
        }

        using JsonDocument first = JsonDocument.Parse(lines[0]);
        bool judgments = first.RootElement.TryGetProperty("winner_noswap", out _);
        string name = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path))) ?? Path.GetFileNameWithoutExtension(path);
        return (name, judgments ? LoadJudgments(lines, strategy) : LoadVotes(lines, path));
    }

    private static IEnumerable<string> ReadLines(string path)
    {
        if (!path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            return File.ReadLines(path);
        }

        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        var all = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            all.Add(line);
        }

        return all;
    }

    private static List<VotingQuestion> LoadVotes(List<string> lines, string path)
    {
        var questions = new List<VotingQuestion>(lines.Count);
        for (int n = 0; n < lines.Count; n++)
        {
            using JsonDocument doc = JsonDocument.Parse(lines[n]);
            JsonElement root = doc.RootElement;
            string id = root.TryGetProperty("id", out JsonElement idValue) ? Text(idValue) ?? n.ToString(CultureInfo.InvariantCulture) : n.ToString(CultureInfo.InvariantCulture);
            string gold = root.TryGetProperty("gold", out JsonElement goldValue) && Text(goldValue) is { } g
                ? g
                : throw new InvalidDataException($"'{path}' line {n + 1} has no \"gold\".");
            string?[] answers = Array(root, "answers");
            string?[] samples = Array(root, "samples");
            bool raw = samples.Length > 0;
            string?[] texts = raw ? samples : answers;
            if (texts.Length == 0)
            {
                throw new InvalidDataException($"'{path}' line {n + 1} has neither \"samples\" nor \"answers\".");
            }

            string text = root.TryGetProperty("question", out JsonElement q) && Text(q) is { } asked ? asked : id;
            questions.Add(new VotingQuestion(id, text, gold, texts, answers.Length == texts.Length ? answers : new string?[texts.Length], raw, null));
        }

        return questions;
    }

    private static List<VotingQuestion> LoadJudgments(List<string> lines, string? strategy)
    {
        var byItem = new Dictionary<string, (string Gold, List<string?> Votes, List<string> Voters)>(StringComparer.Ordinal);
        var prompts = new Dictionary<string, string>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (string line in lines)
        {
            using JsonDocument doc = JsonDocument.Parse(line);
            JsonElement root = doc.RootElement;
            if (strategy is not null && !string.Equals(Text(root.GetProperty("strategy")), strategy, StringComparison.Ordinal))
            {
                continue;
            }

            string key = Text(root.GetProperty("subset")) + "#" + Text(root.GetProperty("idx"));
            if (!byItem.TryGetValue(key, out var item))
            {
                item = (Text(root.GetProperty("label"))!, [], []);
                byItem[key] = item;
                order.Add(key);
                prompts[key] = "Which output is better for the instruction of item " + key + "?";
            }

            string judge = Text(root.GetProperty("judge")) ?? "?";
            foreach (string field in (ReadOnlySpan<string>)["winner_noswap", "winner_swap"])
            {
                item.Votes.Add(root.TryGetProperty(field, out JsonElement w) ? Text(w) : null);
                item.Voters.Add(judge);
            }
        }

        return [.. order.Select(k => byItem[k]).Select((v, i) => new VotingQuestion(order[i], prompts[order[i]], v.Gold, [.. v.Votes], [.. v.Votes], false, [.. v.Voters]))];
    }

    private static string?[] Array(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray().Select(Text)] : [];

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };
}
