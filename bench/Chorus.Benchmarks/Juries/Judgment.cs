using System.Text.Json;

namespace Chorus.Benchmarks.Juries;

/// <summary>One recorded judgment of llmbar-judges: a judge's winner in the given order and in the swapped order (already mapped back).</summary>
internal sealed record Judgment(string Subset, int Index, string Judge, string Prompting, int Label, int? NoSwap, int? Swap)
{
    /// <summary>Reads <c>judgments.jsonl</c>; the data is read in place, never copied.</summary>
    public static List<Judgment> Load(string directory)
    {
        string path = Path.Combine(directory, "judgments.jsonl");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"judgments.jsonl not found in '{directory}' (pass --data pointing at llmbar-judges).", path);
        }

        var rows = new List<Judgment>();
        foreach (string line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using JsonDocument document = JsonDocument.Parse(line);
            JsonElement r = document.RootElement;
            rows.Add(new Judgment(
                r.GetProperty("subset").GetString()!,
                r.GetProperty("idx").GetInt32(),
                r.GetProperty("judge").GetString()!,
                r.GetProperty("strategy").GetString()!,
                r.GetProperty("label").GetInt32(),
                Winner(r, "winner_noswap"),
                Winner(r, "winner_swap")));
        }

        return rows;
    }

    private static int? Winner(JsonElement row, string name) =>
        row.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String && int.TryParse(v.GetString(), out int w) && w is 1 or 2 ? w : null;
}
