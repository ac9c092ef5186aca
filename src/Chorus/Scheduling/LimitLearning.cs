namespace Chorus.Scheduling;

/// <summary>Pure arithmetic for budgets learned from a provider's <c>x-ratelimit-*</c> headers.</summary>
internal static class LimitLearning
{
    /// <summary>
    /// The bucket's size: what remained plus what refills until the reset, when the bucket is full again
    /// (<c>remaining + reset × limit / 60</c>), rounded, between one and the whole limit. Without both headers, one second's worth.
    /// </summary>
    public static double Capacity(long limit, long? remaining, TimeSpan? reset)
    {
        double perSecond = limit / 60.0;
        double capacity = remaining is { } r && reset is { } t
            ? Math.Round(r + (t.TotalSeconds * perSecond))
            : ReplenishingBucket.CapacityFor(limit, EndpointSchedulerConstants.DefaultBurstSeconds);
        return Math.Clamp(capacity, 1, limit);
    }

    /// <summary>
    /// The level now: what remained when the call was admitted, plus the refill since, minus what was admitted after it
    /// (which the header may not count yet), never above the capacity.
    /// </summary>
    public static double Level(long limit, double capacity, long? remaining, TimeSpan sinceAdmitted, double admittedSince) =>
        Math.Min(capacity, (remaining ?? capacity) + (sinceAdmitted.TotalSeconds * limit / 60.0) - admittedSince);
}
