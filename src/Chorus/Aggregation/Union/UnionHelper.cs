using System.Text.RegularExpressions;

namespace Chorus.Aggregation;

/// <summary>The default item extraction of the union.</summary>
internal static partial class UnionHelper
{
    public const string Name = "union";

    /// <summary>Non-blank lines, trimmed, with one bullet or number prefix removed.</summary>
    public static IEnumerable<string> ExtractItems(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var items = new List<string>();
        foreach (string line in text.Split('\n'))
        {
            string item = PrefixRegex().Replace(line.Trim(), string.Empty, 1).Trim();
            if (item.Length > 0)
            {
                items.Add(item);
            }
        }

        return items;
    }

    [GeneratedRegex(@"^(?:[-*+•]|\d+[.)])\s+", RegexOptions.CultureInvariant)]
    private static partial Regex PrefixRegex();
}
