using System.Globalization;

namespace Chorus.Simulator;

/// <summary>Formats a duration as OpenAI's <c>x-ratelimit-reset-*</c> headers do: <c>120ms</c>, <c>6s</c>, <c>8.64s</c>, <c>1m0s</c>.</summary>
internal static class DurationFormat
{
    public static string Format(TimeSpan duration)
    {
        long ms = (long)Math.Ceiling(Math.Max(0, duration.TotalMilliseconds));
        if (ms == 0)
        {
            return "0s";
        }

        if (ms < 1000)
        {
            return ms.ToString(CultureInfo.InvariantCulture) + "ms";
        }

        long hours = ms / 3_600_000;
        long minutes = ms / 60_000 % 60;
        string seconds = (ms % 60_000 / 1000.0).ToString("0.###", CultureInfo.InvariantCulture) + "s";
        return hours > 0 ? FormattableString.Invariant($"{hours}h{minutes}m{seconds}")
            : minutes > 0 ? FormattableString.Invariant($"{minutes}m{seconds}")
            : seconds;
    }
}
