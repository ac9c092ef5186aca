namespace Chorus.Resilience;

/// <summary>Defaults and names of <see cref="ResilienceOptions"/>.</summary>
internal static class ResilienceConstants
{
    public const int DefaultMaxRetryAttempts = 4;
    public static readonly TimeSpan DefaultBaseDelay = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan DefaultMaxDelay = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultMaxRetryTime = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromMinutes(2);
    public const double DefaultHedgePercentile = 0.95;
    public const int DefaultHedgeMinSamples = 20;
    public const double DefaultHedgeBudget = 0.1;
    public const int LatencyWindow = 256;

    /// <summary>Hedges allowed in a burst however much budget has built up: ten times one hedge per ten calls.</summary>
    public const double MaxHedgeCredits = 10;

    public const double DefaultCircuitFailureRatio = 0.5;
    public const int DefaultCircuitMinimumThroughput = 10;
    public static readonly TimeSpan DefaultCircuitSamplingDuration = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultCircuitBreakDuration = TimeSpan.FromSeconds(15);

    public const AttemptKind Call = AttemptKind.Call;
    public const AttemptKind Retry = AttemptKind.Retry;
    public const AttemptKind Hedge = AttemptKind.Hedge;
    public const AttemptKind Fallback = AttemptKind.Fallback;
}
