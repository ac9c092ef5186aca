using System.Text.RegularExpressions;

namespace Chorus.Simulator;

/// <summary>Finds the known answer of a prompt: an explicit <c>[expected: X]</c> hint, else a computable arithmetic question.</summary>
internal static partial class KnownAnswer
{
    public static string? Find(string text)
    {
        Match hint = ExpectedHint().Match(text);
        if (hint.Success)
        {
            string value = hint.Groups[1].Value.Trim();
            if (value.Length > 0)
            {
                return value;
            }
        }

        return ArithmeticEvaluator.FindAnswer(StripHints(text));
    }

    /// <summary>Removes the hints, so the reply does not repeat them and their digits are not read as arithmetic.</summary>
    public static string StripHints(string text) => ExpectedHint().Replace(text, string.Empty);

    /// <summary>Whether <paramref name="text"/> says "answer is <paramref name="answer"/>", with the answer not running on into
    /// more letters or digits ("answer is 39" does not match "answer is 391").</summary>
    public static bool States(string text, string answer)
    {
        string needle = "answer is " + answer;
        int from = 0;
        while (true)
        {
            int at = text.IndexOf(needle, from, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return false;
            }

            int end = at + needle.Length;
            bool runsOn = end < text.Length && (char.IsLetterOrDigit(text[end])
                || (text[end] is '.' or ',' && end + 1 < text.Length && char.IsAsciiDigit(text[end + 1])));
            if (!runsOn)
            {
                return true;
            }

            from = at + 1;
        }
    }

    [GeneratedRegex(@"\[expected:\s*([^\]]*)\]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ExpectedHint();
}
