namespace Chorus.Scheduling;

/// <summary>
/// A per-minute budget that refills continuously on an injected clock, as providers enforce requests/min and tokens/min.
/// Not thread-safe: <see cref="EndpointScheduler"/> calls it under its lock.
/// </summary>
/// <remarks>
/// The BCL's <c>TokenBucketRateLimiter</c> cannot run on a fake clock (runtime#106447) and cannot take from two budgets atomically,
/// so the scheduler keeps its own arithmetic. The level may go negative: a reconciliation that finds the call cost more than
/// estimated leaves the bucket in debt, and a cost larger than the whole bucket is admitted only when the bucket is full.
/// </remarks>
internal sealed class ReplenishingBucket
{
    private readonly TimeProvider _time;
    private double _level;
    private long _updatedAt;

    public ReplenishingBucket(double limitPerMinute, double capacity, double level, long now, TimeProvider time)
    {
        LimitPerMinute = limitPerMinute;
        Capacity = capacity;
        PerSecond = limitPerMinute / 60.0;
        _time = time;
        _level = Math.Min(level, capacity);
        _updatedAt = now;
    }

    /// <summary>Gets the budget per minute.</summary>
    public double LimitPerMinute { get; }

    /// <summary>Gets how much the bucket holds when full (the burst).</summary>
    public double Capacity { get; }

    /// <summary>Gets how fast it refills.</summary>
    public double PerSecond { get; }

    /// <summary>A full bucket holding <paramref name="burstSeconds"/> of budget, never less than one unit.</summary>
    public static double CapacityFor(double limitPerMinute, double burstSeconds) => Math.Max(1, limitPerMinute * burstSeconds / 60.0);

    /// <summary>Gets the level at <paramref name="now"/>, refilled.</summary>
    public double LevelAt(long now)
    {
        Refill(now);
        return _level;
    }

    /// <summary>How long until <paramref name="cost"/> fits: zero when it fits now. A cost above the capacity needs a full bucket.</summary>
    public TimeSpan TimeUntil(double cost, long now)
    {
        Refill(now);
        double needed = Math.Min(cost, Capacity);
        return _level >= needed - 1e-9 ? TimeSpan.Zero : TimeSpan.FromSeconds((needed - _level) / PerSecond);
    }

    public void Take(double cost, long now)
    {
        Refill(now);
        _level -= cost;
    }

    /// <summary>Gives back (positive) or charges (negative) <paramref name="delta"/>; never above the capacity.</summary>
    public void Adjust(double delta, long now)
    {
        Refill(now);
        _level = Math.Min(Capacity, _level + delta);
    }

    /// <summary>Lowers the level to <paramref name="level"/> when it is higher: what the provider reported wins when it is less.</summary>
    public void LowerTo(double level, long now)
    {
        Refill(now);
        _level = Math.Min(_level, level);
    }

    private void Refill(long now)
    {
        if (now <= _updatedAt)
        {
            return;
        }

        double elapsed = _time.GetElapsedTime(_updatedAt, now).TotalSeconds;
        _updatedAt = now;
        _level = Math.Min(Capacity, _level + (elapsed * PerSecond));
    }
}
