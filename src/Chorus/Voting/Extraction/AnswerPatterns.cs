using System.Text.RegularExpressions;

namespace Chorus.Voting;

/// <summary>The patterns behind <see cref="AnswerExtractors"/>, and the clean-up of a stated answer.</summary>
internal static partial class AnswerPatterns
{
    private static readonly char[] Wrapping = ['"', '\'', '`', '*', '_', '“', '”', '‘', '’', '$', ' '];

    /// <summary>The text after the last "the answer is", "final answer:", "answer =" or GSM8K's "####", to the end of its sentence or line.</summary>
    public static string? Stated(string text)
    {
        MatchCollection matches = StatedRegex().Matches(text);
        for (int i = matches.Count - 1; i >= 0; i--)
        {
            string answer = CleanPhrase(matches[i].Groups["a"].Value);
            if (answer.Length > 0)
            {
                return answer;
            }
        }

        return null;
    }

    /// <summary>Strips quotes, Markdown emphasis, LaTeX dollars and trailing sentence punctuation around an answer phrase.</summary>
    public static string CleanPhrase(string phrase)
    {
        string answer = phrase.Trim();
        string previous;
        do
        {
            previous = answer;
            answer = answer.Trim(Wrapping).TrimEnd('.', '!', '?', ',', ';', ':').Trim();
        }
        while (answer.Length != previous.Length);

        return answer;
    }

    /// <summary>The content of the last <c>\boxed{…}</c> or <c>\fbox{…}</c>, braces balanced.</summary>
    public static string? Boxed(string text)
    {
        int at = Math.Max(text.LastIndexOf(@"\boxed", StringComparison.Ordinal), text.LastIndexOf(@"\fbox", StringComparison.Ordinal));
        while (at >= 0)
        {
            int open = text.IndexOf('{', at);
            if (open >= 0 && text[at..open].Trim().Length is 5 or 6)
            {
                int depth = 0;
                for (int i = open; i < text.Length; i++)
                {
                    if (text[i] == '{')
                    {
                        depth++;
                    }
                    else if (text[i] == '}' && --depth == 0)
                    {
                        string inner = CleanPhrase(text[(open + 1)..i]);
                        return inner.Length > 0 ? inner : null;
                    }
                }
            }

            at = at == 0 ? -1 : Math.Max(text.LastIndexOf(@"\boxed", at - 1, StringComparison.Ordinal), text.LastIndexOf(@"\fbox", at - 1, StringComparison.Ordinal));
        }

        return null;
    }

    /// <summary>The body of the last fenced code block (optionally of one language), without the fences.</summary>
    public static string? FencedCode(string text, string? language)
    {
        string? found = null;
        foreach (Match match in FenceRegex().Matches(text))
        {
            string lang = match.Groups["lang"].Value;
            if (language is null || string.Equals(lang, language, StringComparison.OrdinalIgnoreCase))
            {
                found = match.Groups["body"].Value.Trim('\r', '\n');
            }
        }

        return string.IsNullOrWhiteSpace(found) ? null : found;
    }

    /// <summary>A choice letter written as an answer: "(B)", "B)", "B.", "B:", "B", "option B", "**B**".</summary>
    public static string? ChoiceIn(string phrase, string choices, bool anywhere)
    {
        if (anywhere)
        {
            string? found = null;
            foreach (Match match in ChoiceRegex().Matches(phrase))
            {
                if (IsChoice(match.Groups["c"].Value, choices))
                {
                    found = match.Groups["c"].Value.ToUpperInvariant();
                }
            }

            if (found is not null)
            {
                return found;
            }
        }

        Match lead = LeadingChoiceRegex().Match(CleanPhrase(phrase));
        return lead.Success && IsChoice(lead.Groups["c"].Value, choices) ? lead.Groups["c"].Value.ToUpperInvariant() : null;
    }

    /// <summary>Maps yes/no/true/false words to <c>yes</c> or <c>no</c>; the first one in a stated answer, else a leading one, else the last.</summary>
    public static string? YesNo(string text)
    {
        if (Stated(text) is { } stated && YesNoRegex().Match(stated) is { Success: true } inStated)
        {
            return Map(inStated.Value);
        }

        MatchCollection all = YesNoRegex().Matches(text);
        if (all.Count == 0)
        {
            return null;
        }

        return text.TrimStart().StartsWith(all[0].Value, StringComparison.OrdinalIgnoreCase) ? Map(all[0].Value) : Map(all[^1].Value);

        static string Map(string word) => word.ToLowerInvariant() is "yes" or "true" ? "yes" : "no";
    }

    private static bool IsChoice(string letter, string choices) =>
        letter.Length == 1 && choices.Contains(char.ToUpperInvariant(letter[0]), StringComparison.Ordinal);

    [GeneratedRegex(
        @"(?:\b(?:the\s+)?(?:final\s+|correct\s+|best\s+)?answer\s*(?:is\b|would\s+be\b|will\s+be\b|:|=)|\#\#\#\#)\s*:?\s*(?<a>[^\r\n]+?)\s*(?:[.!?](?=\s|$)|\r?$)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Multiline)]
    private static partial Regex StatedRegex();

    [GeneratedRegex(@"```[ \t]*(?<lang>[\w+#.\-]*)[^\n]*\n(?<body>.*?)```", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex FenceRegex();

    [GeneratedRegex(@"^(?:(?:option|choice)\s+)?\(?(?<c>[A-Za-z])(?:\)|[.:](?:\s|$)|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LeadingChoiceRegex();

    [GeneratedRegex(@"\((?<c>[A-Z])\)|\b(?:option|choice)\s+\(?(?<c>[A-Z])\b|\*\*(?<c>[A-Z])\*\*", RegexOptions.CultureInvariant)]
    private static partial Regex ChoiceRegex();

    [GeneratedRegex(@"\b(?:yes|no|true|false)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex YesNoRegex();
}
