namespace Chorus.Scheduling;

/// <summary>
/// How many calls may be in flight: additive increase, multiplicative decrease (AIMD), with a slow start while the limits are
/// unknown. Not thread-safe: <see cref="EndpointScheduler"/> calls it under its lock.
/// </summary>
/// <remarks>
/// As TCP's congestion window: below the slow-start threshold each success adds one (the window doubles per round); above it,
/// a whole window of successes adds one. A 429 multiplies the window by the decrease factor and sets the threshold there.
/// </remarks>
internal sealed class ConcurrencyWindow
{
    private readonly int _max;
    private readonly double _decrease;
    private int _successes;

    public ConcurrencyWindow(int max, int initial, double decrease)
    {
        _max = max;
        _decrease = decrease;
        Limit = initial;
        SlowStartThreshold = max;
    }

    /// <summary>Gets the calls allowed in flight now.</summary>
    public int Limit { get; private set; }

    /// <summary>Gets the window below which successes grow it by one each.</summary>
    public int SlowStartThreshold { get; private set; }

    public void OnSuccess()
    {
        if (Limit >= _max)
        {
            return;
        }

        if (Limit < SlowStartThreshold)
        {
            Limit++;
            return;
        }

        if (++_successes >= Limit)
        {
            Limit++;
            _successes = 0;
        }
    }

    public void OnCongestion()
    {
        Limit = Math.Max(1, (int)Math.Floor(Limit * _decrease));
        SlowStartThreshold = Limit;
        _successes = 0;
    }

    /// <summary>Raises the window to at least <paramref name="limit"/> (never above the ceiling), keeping the slow-start threshold.</summary>
    public void Widen(int limit)
    {
        Limit = Math.Max(Limit, Math.Min(_max, limit));
    }

    /// <summary>Opens the window fully: the budgets are known, so they, not the window, pace the calls.</summary>
    public void Open()
    {
        Limit = _max;
        SlowStartThreshold = _max;
        _successes = 0;
    }
}
