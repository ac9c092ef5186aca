namespace Chorus.Benchmarks.Scenarios;

/// <summary>
/// The physical bound a rate limit implies. The simulator enforces each per-minute limit as a bucket that starts full, holds
/// <c>max(limit × burst / 60, min(limit, 2))</c> and refills at <c>limit / 60</c> a second, so the m-th call (1-based) cannot be
/// admitted before <c>max(0, (m × cost − capacity) / rate)</c> for each budget. The last call then still takes a call's mean latency.
/// </summary>
internal static class Bounds
{
    public static double AdmissionSeconds(int m, double rpm, double tpm, double tokensPerCall, double burstSeconds)
    {
        double requests = Earliest(m, rpm, burstSeconds);
        double tokens = Earliest(m * tokensPerCall, tpm, burstSeconds);
        return Math.Max(requests, tokens);
    }

    private static double Earliest(double units, double limitPerMinute, double burstSeconds)
    {
        double capacity = Math.Max(limitPerMinute * burstSeconds / 60, Math.Min(limitPerMinute, 2));
        return Math.Max(0, (units - capacity) / (limitPerMinute / 60));
    }
}
