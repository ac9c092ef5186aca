namespace Chorus.Resilience;

/// <summary>Bounds the extra cost of hedging: every attempt sent earns <c>ratio</c> of a hedge, a hedge spends one. Thread-safe.</summary>
internal sealed class HedgeBudget(double ratio, double maxCredits)
{
    private readonly object _sync = new();
    private double _credits;
    private int _refused;

    /// <summary>Gets how many hedges the budget refused.</summary>
    public int Refused => Volatile.Read(ref _refused);

    public double Credits
    {
        get
        {
            lock (_sync)
            {
                return _credits;
            }
        }
    }

    public void Earn()
    {
        lock (_sync)
        {
            _credits = Math.Min(maxCredits, _credits + ratio);
        }
    }

    public bool TrySpend()
    {
        lock (_sync)
        {
            if (_credits < 1 - 1e-9)
            {
                _refused++;
                return false;
            }

            _credits -= 1;
            return true;
        }
    }
}
