using System.Text.RegularExpressions;

namespace Chorus;

/// <summary>The default answer extraction of the majority vote.</summary>
internal static partial class MajorityVoteHelper
{
    /// <summary>"the answer is X", else the last number, else the trimmed text; <see langword="null"/> for blank text.</summary>
    public static string? ExtractAnswer(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        MatchCollection stated = AnswerIsRegex().Matches(text);
        if (stated.Count > 0)
        {
            string answer = stated[^1].Groups["a"].Value.Trim().TrimEnd('.', '!').Trim();
            if (answer.Length > 0)
            {
                return answer;
            }
        }

        MatchCollection numbers = NumberRegex().Matches(text);
        if (numbers.Count > 0)
        {
            return numbers[^1].Value.Replace(",", string.Empty, StringComparison.Ordinal);
        }

        string trimmed = text.Trim();
        return trimmed.Length > 0 ? trimmed : null;
    }

    // The answer runs to the end of its sentence or line, so "the answer is 3.14. Done" gives "3.14".
    [GeneratedRegex(@"\bthe\s+(?:final\s+)?answer\s+is\s*:?\s*(?<a>[^\r\n]+?)\s*(?:[.!?](?=\s|$)|\r?$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Multiline)]
    private static partial Regex AnswerIsRegex();

    [GeneratedRegex(@"-?\d+(?:,\d{3})*(?:\.\d+)?", RegexOptions.CultureInvariant)]
    private static partial Regex NumberRegex();
}
