using System.Text.RegularExpressions;

namespace Chorus.Sandbox;

/// <summary>Finds the code in a model's reply: fenced Markdown blocks, preferring those tagged with the language.</summary>
public static partial class CodeExtractor
{
    /// <summary>Extracts the code of <paramref name="language"/> from a reply.</summary>
    /// <param name="reply">The model's text.</param>
    /// <param name="language">The language wanted.</param>
    /// <returns>
    /// The blocks tagged with the language (<c>```python</c>, <c>```py</c>, <c>```csharp</c>, <c>```cs</c>, <c>```c#</c>), joined by a blank
    /// line; else the untagged blocks; else <see langword="null"/> (a reply without a fenced block is not guessed at).
    /// </returns>
    public static string? Extract(string? reply, CodeLanguage language)
    {
        if (string.IsNullOrWhiteSpace(reply))
        {
            return null;
        }

        var tagged = new List<string>();
        var untagged = new List<string>();
        foreach (Match match in Fence().Matches(reply.Replace("\r\n", "\n", StringComparison.Ordinal)))
        {
            string tag = match.Groups["tag"].Value.Trim().ToLowerInvariant();
            string body = match.Groups["body"].Value.TrimEnd();
            if (body.Trim().Length == 0)
            {
                continue;
            }

            if (tag.Length == 0)
            {
                untagged.Add(body);
            }
            else if (IsTag(tag, language))
            {
                tagged.Add(body);
            }
        }

        List<string> chosen = tagged.Count > 0 ? tagged : untagged;
        return chosen.Count == 0 ? null : string.Join("\n\n", chosen) + "\n";
    }

    private static bool IsTag(string tag, CodeLanguage language) => language switch
    {
        CodeLanguage.Python => tag is "python" or "py" or "python3",
        _ => tag is "csharp" or "cs" or "c#",
    };

    [GeneratedRegex(@"^[ \t]*```(?<tag>[^\n`]*)\n(?<body>.*?)^[ \t]*```[ \t]*$", RegexOptions.Singleline | RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex Fence();
}
