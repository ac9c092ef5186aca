using System.Globalization;
using Chorus.Providers;

namespace Chorus.OpenAI;

/// <summary>Reads OpenAI-style rate-limit headers into <see cref="RateLimitSignals"/>. Pure: no I/O, the clock is an argument.</summary>
/// <remarks>Anything missing or unparseable becomes <see langword="null"/>; a provider's odd header never fails a call.</remarks>
internal static class RateLimitHeaderParser
{
    internal const string LimitRequests = "x-ratelimit-limit-requests";
    internal const string LimitTokens = "x-ratelimit-limit-tokens";
    internal const string RemainingRequests = "x-ratelimit-remaining-requests";
    internal const string RemainingTokens = "x-ratelimit-remaining-tokens";
    internal const string ResetRequests = "x-ratelimit-reset-requests";
    internal const string ResetTokens = "x-ratelimit-reset-tokens";
    internal const string RetryAfter = "retry-after";
    internal const string RetryAfterMs = "retry-after-ms";
    internal const string RequestId = "x-request-id";

    /// <summary>Parses the rate-limit headers.</summary>
    /// <param name="getHeader">Returns a header's value by (case-insensitive) name, or <see langword="null"/>.</param>
    /// <param name="now">The current time, to turn an HTTP-date <c>retry-after</c> into a delay.</param>
    /// <returns>The signals; <see cref="RateLimitSignals.Empty"/> when none were sent.</returns>
    public static RateLimitSignals Parse(Func<string, string?> getHeader, DateTimeOffset now)
    {
        var signals = new RateLimitSignals(
            LimitRequests: ParseCount(getHeader(LimitRequests)),
            RemainingRequests: ParseCount(getHeader(RemainingRequests)),
            ResetRequests: ParseDuration(getHeader(ResetRequests)),
            LimitTokens: ParseCount(getHeader(LimitTokens)),
            RemainingTokens: ParseCount(getHeader(RemainingTokens)),
            ResetTokens: ParseDuration(getHeader(ResetTokens)),
            RetryAfter: ParseRetryAfterMs(getHeader(RetryAfterMs)) ?? ParseRetryAfter(getHeader(RetryAfter), now));
        return signals.IsEmpty ? RateLimitSignals.Empty : signals;
    }

    /// <summary>Parses a non-negative whole count such as <c>10000</c>.</summary>
    public static long? ParseCount(string? value) =>
        long.TryParse(value?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long count) ? count : null;

    /// <summary>Parses <c>retry-after-ms</c>: non-negative milliseconds, fractions allowed.</summary>
    public static TimeSpan? ParseRetryAfterMs(string? value) =>
        TryParseNumber(value, out double ms) ? FromMilliseconds(ms) : null;

    /// <summary>Parses <c>retry-after</c>: delay seconds (fractions tolerated) or an HTTP-date, relative to <paramref name="now"/>.</summary>
    /// <remarks>A date in the past means "now": a zero delay.</remarks>
    public static TimeSpan? ParseRetryAfter(string? value, DateTimeOffset now)
    {
        if (TryParseNumber(value, out double seconds))
        {
            return FromMilliseconds(seconds * 1000);
        }

        if (value is not null
            && DateTimeOffset.TryParseExact(value.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset date))
        {
            TimeSpan delay = date - now;
            return delay > TimeSpan.Zero ? delay : TimeSpan.Zero;
        }

        return null;
    }

    /// <summary>Parses OpenAI's reset format, a Go-style duration such as <c>6m0s</c>, <c>1s</c>, <c>120ms</c>, <c>0.5s</c>,
    /// <c>1h2m3.5s</c>; a bare number is seconds.</summary>
    public static TimeSpan? ParseDuration(string? value)
    {
        if (value is null)
        {
            return null;
        }

        ReadOnlySpan<char> text = value.AsSpan().Trim();
        if (text.IsEmpty)
        {
            return null;
        }

        if (TryParseNumber(value, out double bareSeconds))
        {
            return FromMilliseconds(bareSeconds * 1000);
        }

        double totalMs = 0;
        while (!text.IsEmpty)
        {
            int numberLength = 0;
            while (numberLength < text.Length && (char.IsAsciiDigit(text[numberLength]) || text[numberLength] == '.'))
            {
                numberLength++;
            }

            int unitLength = 0;
            while (numberLength + unitLength < text.Length && !char.IsAsciiDigit(text[numberLength + unitLength]) && text[numberLength + unitLength] != '.')
            {
                unitLength++;
            }

            if (numberLength == 0 || unitLength == 0
                || !double.TryParse(text[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double number))
            {
                return null;
            }

            double? unitMs = UnitInMilliseconds(text.Slice(numberLength, unitLength));
            if (unitMs is null)
            {
                return null;
            }

            totalMs += number * unitMs.Value;
            text = text[(numberLength + unitLength)..];
        }

        return FromMilliseconds(totalMs);
    }

    private static double? UnitInMilliseconds(ReadOnlySpan<char> unit) => unit switch
    {
        "h" => 3_600_000,
        "m" => 60_000,
        "s" => 1000,
        "ms" => 1,
        "us" or "µs" => 0.001,
        "ns" => 0.000_001,
        _ => null,
    };

    private static bool TryParseNumber(string? value, out double number) =>
        double.TryParse(value?.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number)
        && double.IsFinite(number);

    private static TimeSpan? FromMilliseconds(double ms)
    {
        double ticks = Math.Round(ms * TimeSpan.TicksPerMillisecond);
        return ticks >= 0 && ticks < long.MaxValue ? TimeSpan.FromTicks((long)ticks) : null;
    }
}
