using System.Text.Json.Nodes;

namespace Chorus.Aggregation;

/// <summary>Merges JSON objects by field, recording where each field came from and every conflict. Pure.</summary>
internal static class MergeHelper
{
    public static JsonObject Merge(IReadOnlyList<(string Label, JsonObject Section)> sections, out List<MergeConflict> conflicts, out Dictionary<string, string> sources)
    {
        var merged = new JsonObject();
        var byPath = new Dictionary<string, (string Kept, List<SectionValue> Values)>(StringComparer.Ordinal);
        var order = new List<string>();
        sources = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((string label, JsonObject section) in sections)
        {
            MergeInto(merged, section, label, string.Empty, sources, byPath, order);
        }

        conflicts = [.. order.Select(path => new MergeConflict(path, byPath[path].Kept, byPath[path].Values))];
        return merged;
    }

    private static void MergeInto(
        JsonObject target, JsonObject section, string label, string prefix, Dictionary<string, string> sources,
        Dictionary<string, (string Kept, List<SectionValue> Values)> conflicts, List<string> order)
    {
        foreach ((string name, JsonNode? value) in section)
        {
            if (value is null)
            {
                continue;   // null means "this section does not set it", never "clear it".
            }

            string path = prefix.Length == 0 ? name : prefix + "." + name;
            JsonNode? existing = target[name];
            if (existing is null)
            {
                target[name] = value.DeepClone();
                sources[path] = label;
            }
            else if (existing is JsonObject existingObject && value is JsonObject valueObject)
            {
                MergeInto(existingObject, valueObject, label, path, sources, conflicts, order);
            }
            else if (!JsonNode.DeepEquals(existing, value))
            {
                string kept = SourceOf(path, sources) ?? label;
                if (!conflicts.TryGetValue(path, out var conflict))
                {
                    conflict = (kept, [new SectionValue(kept, existing.ToJsonString())]);
                    conflicts[path] = conflict;
                    order.Add(path);
                }

                conflict.Values.Add(new SectionValue(label, value.ToJsonString()));
            }
        }
    }

    /// <summary>The section that set a path, or the nearest enclosing object that was set whole.</summary>
    private static string? SourceOf(string path, Dictionary<string, string> sources)
    {
        for (string? p = path; p is not null; p = p.LastIndexOf('.') is int dot and > 0 ? p[..dot] : null)
        {
            if (sources.TryGetValue(p, out string? label))
            {
                return label;
            }
        }

        return null;
    }
}
