namespace Chorus.Resilience;

/// <summary>Pure arithmetic of retry delays.</summary>
internal static class RetryDelayHelper
{
    /// <summary>
    /// The next delay: decorrelated jitter (AWS, "Exponential Backoff and Jitter") — uniform between <paramref name="baseDelay"/> and
    /// three times <paramref name="previous"/> (the base for the first retry), capped at <paramref name="maxDelay"/> — and never
    /// shorter than <paramref name="retryAfter"/>, which is honored even above the cap.
    /// </summary>
    /// <param name="previous">The previous delay, or <see langword="null"/> before the first retry.</param>
    /// <param name="baseDelay">The shortest delay.</param>
    /// <param name="maxDelay">The cap of the jitter.</param>
    /// <param name="random">A uniform number in [0, 1).</param>
    /// <param name="retryAfter">What the provider asked for, if anything.</param>
    public static TimeSpan Next(TimeSpan? previous, TimeSpan baseDelay, TimeSpan maxDelay, double random, TimeSpan? retryAfter)
    {
        double low = baseDelay.Ticks;
        double high = Math.Max(low, (previous ?? baseDelay).Ticks * 3.0);
        var jittered = TimeSpan.FromTicks((long)Math.Min(maxDelay.Ticks, low + (Math.Clamp(random, 0, 1) * (high - low))));
        return retryAfter is { } asked && asked > jittered ? asked : jittered;
    }

    /// <summary>The progress line of a long wait: <c>waiting for budget until 14:03:07 (provider asked for 99999 s, capped)</c>.</summary>
    /// <param name="until">When the wait ends, in the clock's local time.</param>
    /// <param name="asked">What the provider asked for.</param>
    /// <param name="capped">Whether the wait was capped below what was asked.</param>
    public static string Explain(DateTimeOffset until, TimeSpan asked, bool capped) =>
        FormattableString.Invariant($"waiting for budget until {until:HH:mm:ss} (provider asked for {asked.TotalSeconds:0.#} s{(capped ? ", capped" : string.Empty)})");
}
