using System.Globalization;
using System.Net;

namespace Chorus.Cli.Rendering;

/// <summary>Escaping and number formatting for the HTML report. Every piece of model or user text goes through <see cref="E"/>.</summary>
internal static class HtmlText
{
    /// <summary>HTML-escapes text for element content and attribute values (quotes included).</summary>
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    public static string N(double value, string format = "0.#") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string Ms(double ms) => ms >= 1000 ? N(ms / 1000, "0.00") + " s" : N(ms, "0") + " ms";

    public static string Money(decimal? cost) => cost is { } c ? "$" + c.ToString("0.000000", CultureInfo.InvariantCulture) : "unknown";
}
