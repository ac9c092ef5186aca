using System.Globalization;
using System.Text.Json;
using Chorus.Aggregation;

namespace Chorus.Voting;

/// <summary>Reads a JSON value as answer text, and follows dotted paths.</summary>
internal static class JsonFieldText
{
    /// <summary>A string as is, a number as written, a boolean as <c>true</c>/<c>false</c>, anything else as raw JSON; <see langword="null"/> for JSON null or blank text.</summary>
    public static string? Of(JsonElement value)
    {
        string? text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => value.GetRawText(),
        };
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    /// <summary>Follows a path such as <c>result.answer</c> or <c>choices.0</c> (case-insensitive names, numeric array indexes).</summary>
    public static bool TryFollow(JsonElement root, string[] path, out JsonElement value)
    {
        value = root;
        foreach (string part in path)
        {
            if (value.ValueKind == JsonValueKind.Array
                && int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int index)
                && index < value.GetArrayLength())
            {
                value = value[index];
            }
            else if (!JsonReply.TryGetProperty(value, part, out value))
            {
                return false;
            }
        }

        return true;
    }
}
