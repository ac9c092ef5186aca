using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Chorus.Voting;

/// <summary>Finds and reads numbers as people write them: signs, currency, thousands separators, decimals, fractions, LaTeX fractions.</summary>
internal static partial class NumberText
{
    private const string Currency = "$€£¥₹";

    /// <summary>Finds the last number in the text and returns it without currency or separators (fractions stay <c>a/b</c>); <see langword="null"/> when there is none.</summary>
    public static string? Last(string text)
    {
        MatchCollection matches = NumberRegex().Matches(Unminus(LatexFractions(text)));
        return matches.Count == 0 ? null : Clean(matches[^1].Value);
    }

    /// <summary>Finds the first number in the text, as <see cref="Last"/> does.</summary>
    public static string? First(string text)
    {
        Match match = NumberRegex().Match(Unminus(LatexFractions(text)));
        return match.Success ? Clean(match.Value) : null;
    }

    /// <summary>Reads text that is one number and nothing else (currency, separators, a trailing percent sign allowed).</summary>
    public static bool TryParse(string text, out double value)
    {
        value = 0;
        string s = Unminus(LatexFractions(text.Trim())).Trim().TrimEnd('%').Trim();
        Match match = NumberRegex().Match(s);
        if (!match.Success || match.Index != 0 || match.Length != s.Length)
        {
            return false;
        }

        string clean = Clean(match.Value);
        int mixedSpace = clean.IndexOf(' ', StringComparison.Ordinal);
        if (mixedSpace > 0)
        {
            // "1 1/2": a whole number and a fraction with the whole number's sign.
            if (!TryParse(clean[..mixedSpace], out double whole) || !TryFraction(clean[(mixedSpace + 1)..], out double part))
            {
                return false;
            }

            value = whole < 0 || clean.StartsWith('-') ? whole - part : whole + part;
            return true;
        }

        return TryFraction(clean, out value);
    }

    /// <summary>Formats a number as the shortest invariant text that round-trips, without an exponent for ordinary magnitudes.</summary>
    public static string Format(double value)
    {
        if (value == 0)
        {
            return "0";
        }

        if (Math.Abs(value) < 1e15 && Math.Abs(value) >= 1e-6)
        {
            try
            {
                decimal d = (decimal)value;
                string text = d.ToString(CultureInfo.InvariantCulture);
                return text.Contains('.', StringComparison.Ordinal) ? text.TrimEnd('0').TrimEnd('.') : text;
            }
            catch (OverflowException)
            {
                // Fall through to the round-trip format.
            }
        }

        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    private static bool TryFraction(string clean, out double value)
    {
        int slash = clean.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return double.TryParse(clean, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }

        value = 0;
        if (!double.TryParse(clean[..slash], NumberStyles.Float, CultureInfo.InvariantCulture, out double numerator)
            || !double.TryParse(clean[(slash + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double denominator)
            || denominator == 0)
        {
            return false;
        }

        value = numerator / denominator;
        return true;
    }

    /// <summary>Drops currency symbols and thousands separators; keeps the sign, the decimal point, a fraction's slash and a mixed number's space.</summary>
    private static string Clean(string raw)
    {
        var builder = new StringBuilder(raw.Length);
        foreach (char c in raw)
        {
            if (c is ',' or '_' or '\u2009' or '\u202F' || Currency.Contains(c, StringComparison.Ordinal))
            {
                continue;
            }

            builder.Append(c is '−' ? '-' : c);
        }

        string text = builder.ToString().Trim();
        return text.StartsWith('+') ? text[1..] : text;
    }

    private static string Unminus(string text) => text.Replace('−', '-');

    private static string LatexFractions(string text) =>
        text.Contains("frac", StringComparison.Ordinal) ? LatexFractionRegex().Replace(text, "${n}/${d}") : text;

    // A sign counts only when not glued to a word or number (so "2023-01-13" has no negative numbers), optional currency, digits with
    // thousands separators, a decimal part, and an optional fraction, possibly after a whole number ("1 1/2").
    [GeneratedRegex(
        @"(?<![\w./])[-+]?(?:[$€£¥₹]\s?)?(?:\d{1,3}(?:[,\u2009\u202F_]\d{3})+|\d+)(?:\.\d+)?(?:\s\d+/\d+|/\d+(?:\.\d+)?)?(?![\d])|(?<![\w./])[-+]?[$€£¥₹]?\.\d+",
        RegexOptions.CultureInvariant)]
    private static partial Regex NumberRegex();

    [GeneratedRegex(@"\\[dt]?frac\s*\{\s*(?<n>-?\d+(?:\.\d+)?)\s*\}\s*\{\s*(?<d>\d+(?:\.\d+)?)\s*\}", RegexOptions.CultureInvariant)]
    private static partial Regex LatexFractionRegex();
}
