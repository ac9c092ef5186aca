using System.Text;

namespace Chorus.Aggregation;

/// <summary>The default normalization for comparing answers and items.</summary>
internal static class TextNormalization
{
    private static readonly char[] TrailingPunctuation = ['.', ',', ';', ':', '!', '?'];

    /// <summary>Trims, lower-cases invariantly, collapses white space to one space and strips trailing punctuation.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        bool pendingSpace = false;
        foreach (char c in text.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString().TrimEnd(TrailingPunctuation).TrimEnd();
    }
}
