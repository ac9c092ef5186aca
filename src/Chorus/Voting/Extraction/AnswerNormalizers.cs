using System.Globalization;
using System.Text;

namespace Chorus.Voting;

/// <summary>
/// Ready-made normalizers: each maps an extracted answer to the key votes are counted on, so answers that mean the same
/// count together. Plug one into <see cref="VoteAggregatorOptions.Normalizer"/> or <see cref="MajorityVoteOptions.Normalizer"/>.
/// </summary>
/// <remarks>Every normalizer is a pure, thread-safe function. An empty key means the sample abstains.</remarks>
public static class AnswerNormalizers
{
    private static readonly char[] EdgePunctuation = ['.', ',', ';', ':', '!', '?', '"', '\'', '`', '*', '(', ')', '[', ']', '“', '”', '‘', '’'];

    /// <summary>Gets a normalizer that applies Unicode compatibility composition (NFKC): full-width digits, ligatures and similar forms become plain ones.</summary>
    public static Func<string, string> UnicodeNfkc { get; } = text => text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);

    /// <summary>Gets a normalizer that trims and collapses every run of white space to one space.</summary>
    public static Func<string, string> CollapseWhitespace { get; } = Collapse;

    /// <summary>Gets a normalizer that lower-cases with the invariant culture.</summary>
    public static Func<string, string> IgnoreCase { get; } = text => text.ToLowerInvariant();

    /// <summary>Gets a normalizer that strips quotes, brackets and sentence punctuation from both ends.</summary>
    public static Func<string, string> TrimPunctuation { get; } = text => text.Trim().Trim(EdgePunctuation).Trim();

    /// <summary>Gets a normalizer that removes all punctuation and symbols, except a decimal point, sign or slash inside a number.</summary>
    public static Func<string, string> StripPunctuation { get; } = Strip;

    /// <summary>Gets the normalizer that suits most votes.</summary>
    /// <value>
    /// Unicode NFKC, then trimmed and white space collapsed, quotes, brackets and sentence punctuation stripped from both
    /// ends, lower-cased (invariant); and an answer that is one number (currency, separators, fractions, a percent sign
    /// allowed) becomes its canonical value, so <c>$1,200.00</c>, <c>1200</c> and <c>1.2e3</c> count together, as do
    /// <c>3/4</c> and <c>0.75</c> (compared to 1e-9).
    /// </value>
    // Declared after the normalizers it chains: static initializers run in textual order.
    public static Func<string, string> Default { get; } = Chain(UnicodeNfkc, CollapseWhitespace, TrimPunctuation, IgnoreCase, Numeric(1e-9));

    /// <summary>Creates a normalizer that maps an answer that is one number to its value, rounded to a tolerance; other answers pass through unchanged.</summary>
    /// <param name="tolerance">The grid values are rounded to, for example 0.01 for cents. Must be positive and finite.</param>
    /// <returns>The normalizer. Values within the same grid cell count together (two values either side of a cell boundary do not).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tolerance"/> is not positive and finite.</exception>
    public static Func<string, string> Numeric(double tolerance = 1e-9)
    {
        if (!double.IsFinite(tolerance) || tolerance <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, $"The tolerance must be positive and finite, was {tolerance}.");
        }

        return text =>
        {
            if (!NumberText.TryParse(text, out double value) && !TryScientific(text, out value))
            {
                return text;
            }

            double cells = Math.Round(value / tolerance, MidpointRounding.AwayFromZero);
            return NumberText.Format(RoundToTolerance(cells, tolerance));
        };
    }

    /// <summary>Applies normalizers one after another.</summary>
    /// <param name="normalizers">The normalizers, applied in order.</param>
    /// <returns>The combined normalizer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="normalizers"/> or one of them is <see langword="null"/>.</exception>
    public static Func<string, string> Chain(params Func<string, string>[] normalizers)
    {
        ArgumentNullException.ThrowIfNull(normalizers);
        Func<string, string>[] copy = [.. normalizers];
        for (int i = 0; i < copy.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(copy[i], $"{nameof(normalizers)}[{i}]");
        }

        return text =>
        {
            string key = text ?? string.Empty;
            foreach (Func<string, string> normalizer in copy)
            {
                key = normalizer(key) ?? string.Empty;
            }

            return key;
        };
    }

    private static double RoundToTolerance(double cells, double tolerance)
    {
        // Multiplying back in decimal keeps 0.1 as 0.1 rather than 0.10000000000000001 where the magnitude allows.
        try
        {
            return (double)((decimal)cells * (decimal)tolerance);
        }
        catch (OverflowException)
        {
            return cells * tolerance;
        }
    }

    private static bool TryScientific(string text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static string Collapse(string text)
    {
        var builder = new StringBuilder(text.Length);
        bool pendingSpace = false;
        foreach (char c in text.AsSpan().Trim())
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

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static string Strip(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            bool digitBefore = i > 0 && char.IsDigit(text[i - 1]);
            bool digitAfter = i + 1 < text.Length && char.IsDigit(text[i + 1]);
            bool keep = !(char.IsPunctuation(c) || char.IsSymbol(c))
                || (c is '.' or '/' && digitBefore && digitAfter)
                || (c is '-' && digitAfter && !digitBefore && (i == 0 || char.IsWhiteSpace(text[i - 1])));
            if (keep)
            {
                builder.Append(c);
            }
        }

        return Collapse(builder.ToString());
    }
}
