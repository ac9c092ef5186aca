using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Chorus.Simulator;

/// <summary>
/// Structured mode: a request with a JSON schema (other than the judge's) gets an object that follows it: every property filled,
/// enums picked from, minimum/maximum and minItems/maxItems honoured, <c>$ref</c> and <c>anyOf</c> followed. Values are drawn from
/// the request's generator, shaped by property names (costs 10–400, minutes 10–120, hours 1–4, days 1–5, city and place names).
/// </summary>
internal static class SchemaResponder
{
    private const int MaxDepth = 8;
    private static readonly string[] Cities = ["Lisbon", "Porto", "Kyoto", "Osaka", "Vienna"];
    private static readonly string[] Places = ["old town walk", "harbour museum", "botanical garden", "food market", "castle hill", "river cruise", "modern art gallery", "cathedral"];
    private static readonly string[] Words = ["quiet", "central", "scenic", "local", "classic", "popular", "compact", "early"];

    public static bool HasProperties(JsonElement schema) => schema.TryGetProperty("properties", out JsonElement p) && p.ValueKind == JsonValueKind.Object;

    public static string Reply(JsonElement schema, SimRandom random)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, schema, schema, string.Empty, random, 0);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Write(Utf8JsonWriter w, JsonElement node, JsonElement root, string name, SimRandom random, int depth)
    {
        node = Resolve(node, root);
        if (node.TryGetProperty("enum", out JsonElement choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0)
        {
            choices[random.Next(choices.GetArrayLength())].WriteTo(w);
            return;
        }

        switch (depth > MaxDepth ? "null" : TypeOf(node))
        {
            case "object":
                w.WriteStartObject();
                if (node.TryGetProperty("properties", out JsonElement properties) && properties.ValueKind == JsonValueKind.Object)
                {
                    foreach (JsonProperty property in properties.EnumerateObject())
                    {
                        w.WritePropertyName(property.Name);
                        Write(w, property.Value, root, property.Name, random, depth + 1);
                    }
                }

                w.WriteEndObject();
                break;
            case "array":
                int min = Int(node, "minItems") ?? 2;
                int max = Math.Max(min, Int(node, "maxItems") ?? Math.Max(min, 4));
                int count = min + random.Next(max - min + 1);
                w.WriteStartArray();
                for (int i = 0; i < count; i++)
                {
                    if (node.TryGetProperty("items", out JsonElement items))
                    {
                        Write(w, items, root, name, random, depth + 1);
                    }
                    else
                    {
                        w.WriteStringValue(Pick(Words, random));
                    }
                }

                w.WriteEndArray();
                break;
            case "integer":
                w.WriteNumberValue((long)Math.Round(Number(node, name, random)));
                break;
            case "number":
                w.WriteNumberValue(Math.Round(Number(node, name, random), 2));
                break;
            case "boolean":
                w.WriteBooleanValue(random.Next(2) == 0);
                break;
            case "string":
                w.WriteStringValue(Text(name, random));
                break;
            default:
                w.WriteNullValue();
                break;
        }
    }

    private static JsonElement Resolve(JsonElement node, JsonElement root)
    {
        for (int hops = 0; hops < MaxDepth; hops++)
        {
            if (node.TryGetProperty("$ref", out JsonElement reference) && reference.GetString() is { } path && path.StartsWith('#'))
            {
                JsonElement target = root;
                foreach (string part in path.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (!target.TryGetProperty(part, out target))
                    {
                        return node;
                    }
                }

                node = target;
            }
            else if (node.TryGetProperty("anyOf", out JsonElement options) && options.ValueKind == JsonValueKind.Array)
            {
                node = options.EnumerateArray().FirstOrDefault(o => TypeOf(Resolve(o, root)) != "null", options[0]);
            }
            else
            {
                return node;
            }
        }

        return node;
    }

    private static string TypeOf(JsonElement node)
    {
        if (!node.TryGetProperty("type", out JsonElement type))
        {
            return node.TryGetProperty("properties", out _) ? "object" : "string";
        }

        return type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString() ?? "null").FirstOrDefault(t => t != "null", "null")
            : type.GetString() ?? "null";
    }

    private static double Number(JsonElement node, string name, SimRandom random)
    {
        string n = name.ToLowerInvariant();
        (double low, double high) = n switch
        {
            _ when n.Contains("minute", StringComparison.Ordinal) => (10, 120),
            _ when n.Contains("hour", StringComparison.Ordinal) => (1, 4),
            _ when n.Contains("day", StringComparison.Ordinal) => (1, 5),
            _ when n.Contains("cost", StringComparison.Ordinal) || n.Contains("price", StringComparison.Ordinal) || n.Contains("budget", StringComparison.Ordinal)
                || n.Contains("amount", StringComparison.Ordinal) || n.Contains("eur", StringComparison.Ordinal) || n.Contains("usd", StringComparison.Ordinal) => (10, 400),
            _ => (1, 100),
        };
        low = Double(node, "minimum") ?? low;
        high = Math.Max(low, Double(node, "maximum") ?? Math.Max(low, high));
        return low + (random.NextDouble() * (high - low));
    }

    private static string Text(string name, SimRandom random)
    {
        string n = name.ToLowerInvariant();
        return n switch
        {
            _ when n.Contains("city", StringComparison.Ordinal) || n.Contains("destination", StringComparison.Ordinal) => Pick(Cities, random),
            _ when n.Contains("currency", StringComparison.Ordinal) => "EUR",
            _ when n.Contains("activit", StringComparison.Ordinal) || n.Contains("place", StringComparison.Ordinal) || n.Contains("name", StringComparison.Ordinal)
                || n.Contains("title", StringComparison.Ordinal) => Pick(Places, random),
            _ when n.Contains("time", StringComparison.Ordinal) || n.Contains("start", StringComparison.Ordinal) =>
                string.Create(CultureInfo.InvariantCulture, $"{8 + random.Next(10):00}:{15 * random.Next(4):00}"),
            _ => $"{Pick(Words, random)} {Pick(Words, random)} {Pick(Places, random)}",
        };
    }

    private static string Pick(string[] values, SimRandom random) => values[random.Next(values.Length)];

    private static int? Int(JsonElement node, string name) => node.TryGetProperty(name, out JsonElement v) && v.TryGetInt32(out int i) ? i : null;

    private static double? Double(JsonElement node, string name) => node.TryGetProperty(name, out JsonElement v) && v.TryGetDouble(out double d) ? d : null;
}
