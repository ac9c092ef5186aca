namespace Chorus.Resilience;

/// <summary>Defaults and names of <see cref="ResilienceOptions"/>.</summary>
internal static class ResilienceConstants
{
    public const int DefaultMaxRetryAttempts = 4;
    public static readonly TimeSpan DefaultBaseDelay = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan DefaultMaxDelay = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultMaxRetryTime = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromMinutes(2);
    public const bool DefaultEnableHedging = true;
    public const bool DefaultAdaptiveAttemptTimeout = true;
    public static readonly TimeSpan DefaultMinAttemptTimeout = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan DefaultMaxRetryAfter = TimeSpan.FromMinutes(5);

    /// <summary>An adaptive attempt timeout is this percentile of answered latencies ...</summary>
    public const double AdaptiveTimeoutPercentile = 0.99;

    /// <summary>... times this factor: a healthy answer almost never runs three times the endpoint's 99th percentile.</summary>
    public const double AdaptiveTimeoutFactor = 3;
    public const double DefaultHedgePercentile = 0.95;

    /// <summary>Waits for a provider's <c>Retry-After</c> at least this long are explained on the timeline and progress line.</summary>
    public static readonly TimeSpan ExplainedWait = TimeSpan.FromSeconds(1);
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
