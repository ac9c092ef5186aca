namespace Chorus.Simulator;

/// <summary>A small seeded generator (SplitMix64); each request gets its own, derived from the seed and what it asks.</summary>
/// <remarks>Own generator rather than <see cref="Random"/> so the sequence is fixed by this code, not by the runtime version.</remarks>
internal sealed class SimRandom(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return StableHash.Mix(_state);
    }

    /// <summary>Returns a double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Returns an integer in [0, maxExclusive).</summary>
    public int Next(int maxExclusive)
    {
        System.Diagnostics.Debug.Assert(maxExclusive > 0, "maxExclusive must be positive.");
        return (int)(NextUInt64() % (ulong)maxExclusive);
    }

    /// <summary>Returns a standard normal draw (Box-Muller).</summary>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Returns a lognormal factor with mean 1 and the given sigma.</summary>
    public double NextLogNormalFactor(double sigma) => sigma == 0 ? 1 : Math.Exp((sigma * NextGaussian()) - (sigma * sigma / 2));
}
