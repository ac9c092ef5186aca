using System.Buffers;
using System.Text.Json;

namespace Chorus.Aggregation;

/// <summary>Finds the JSON object in a model's reply, tolerating code fences and prose around it.</summary>
internal static class JsonReply
{
    // Bounds the work on a long reply full of stray braces.
    private const int MaxAttempts = 32;

    private static readonly JsonDocumentOptions ParseOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>Parses the first JSON object in the text: inside a <c>```</c> fence when there is one, otherwise anywhere.</summary>
    public static bool TryParseObject(string? text, out JsonElement root)
    {
        root = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        return (FencedBody(text) is { } fenced && TryFirstObject(fenced, out root)) || TryFirstObject(text, out root);
    }

    /// <summary>Writes a JSON value with the writer and returns it as a detached element.</summary>
    public static JsonElement Build(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        using JsonDocument document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    /// <summary>Rewrites an element as plain JSON: whatever the tolerant reader accepted (trailing commas, comments) is gone.</summary>
    public static string Canonical(JsonElement element)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            element.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Gets a property by name, ignoring case, since models are not always exact.</summary>
    public static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty property in element.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = property.Value;
                    return true;
                }
            }
        }

        value = default;
        return false;
    }

    private static string? FencedBody(string text)
    {
        int open = text.IndexOf("```", StringComparison.Ordinal);
        if (open < 0)
        {
            return null;
        }

        int bodyStart = text.IndexOf('\n', open + 3);
        if (bodyStart < 0)
        {
            return null;
        }

        int close = text.IndexOf("```", bodyStart + 1, StringComparison.Ordinal);
        return close < 0 ? text[(bodyStart + 1)..] : text[(bodyStart + 1)..close];
    }

    private static bool TryFirstObject(string text, out JsonElement root)
    {
        int attempts = 0;
        for (int start = text.IndexOf('{'); start >= 0 && attempts < MaxAttempts; start = text.IndexOf('{', start + 1), attempts++)
        {
            int end = FindObjectEnd(text, start);
            if (end < 0)
            {
                continue;
            }

            try
            {
                using JsonDocument document = JsonDocument.Parse(text.AsMemory(start, end - start + 1), ParseOptions);
                root = document.RootElement.Clone();
                return true;
            }
            catch (JsonException)
            {
                // Not JSON after all (for example "{id}" in prose); try the next brace.
            }
        }

        root = default;
        return false;
    }

    /// <summary>Finds the brace that closes the object opened at <paramref name="start"/>, skipping braces inside strings.</summary>
    private static int FindObjectEnd(string text, int start)
    {
        int depth = 0;
        bool inString = false;
        for (int i = start; i < text.Length; i++)
        {
            char c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '"')
            {
                inString = true;
            }
            else if (c == '{')
            {
                depth++;
            }
            else if (c == '}' && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }
}
