namespace Chorus.Simulator;

/// <summary>One per-minute budget that refills continuously, as OpenAI enforces RPM and TPM. Not thread-safe: the gate locks.</summary>
/// <remarks>Capacity is <c>max(limit × burstSeconds / 60, min(limit, 2))</c>; see <see cref="SimulatorOptions.BurstSeconds"/>.</remarks>
internal sealed class TokenBucket
{
    private readonly TimeProvider _time;
    private double _level;
    private long _updatedAt;

    public TokenBucket(long limitPerMinute, double burstSeconds, TimeProvider time)
    {
        Limit = limitPerMinute;
        Capacity = Math.Max(limitPerMinute * burstSeconds / 60.0, Math.Min(limitPerMinute, SimulatorConstants.MinBurst));
        PerSecond = limitPerMinute / 60.0;
        _time = time;
        _level = Capacity;
        _updatedAt = time.GetTimestamp();
    }

    public long Limit { get; }

    public double Capacity { get; }

    public double PerSecond { get; }

    /// <summary>Gets the whole units left now, never negative.</summary>
    public long Remaining => (long)Math.Floor(Math.Max(0, _level));

    /// <summary>Gets the time until the bucket is full again.</summary>
    public TimeSpan UntilFull => Seconds(Capacity - _level);

    public void Refill()
    {
        long now = _time.GetTimestamp();
        double elapsed = _time.GetElapsedTime(_updatedAt, now).TotalSeconds;
        _updatedAt = now;
        _level = Math.Min(Capacity, _level + (elapsed * PerSecond));
    }

    /// <summary>Whether <paramref name="cost"/> fits now. If not, <paramref name="retryAfter"/> is how long until it does, or
    /// <see langword="null"/> when it never will (it exceeds the whole per-minute limit).</summary>
    public bool Fits(double cost, out TimeSpan? retryAfter)
    {
        retryAfter = null;
        if (cost > Limit)
        {
            return false;
        }

        // A request larger than the bucket goes through when the bucket is full and leaves it in debt, so the average rate holds.
        double needed = Math.Min(cost, Capacity);
        if (_level >= needed - 1e-9)
        {
            return true;
        }

        retryAfter = Seconds(needed - _level);
        return false;
    }

    public void Take(double cost) => _level -= cost;

    /// <summary>Charges a refused request: the level may go into debt, but never below minus the capacity.</summary>
    public void Charge(double cost) => _level = Math.Max(-Capacity, _level - cost);

    private TimeSpan Seconds(double units) => TimeSpan.FromSeconds(Math.Max(0, units) / PerSecond);
}
