namespace Chorus.Scheduling;

/// <summary>Defaults of <see cref="EndpointSchedulerOptions"/>.</summary>
internal static class EndpointSchedulerConstants
{
    public const int DefaultMaxConcurrency = 256;
    public const double DefaultBurstSeconds = 1;
    public const int DefaultInitialConcurrency = 16;

    /// <summary>A remaining budget under this share of its limit counts as congestion while no budget is known.</summary>
    public const double LowRemainingShare = 0.02;

    /// <summary>An answer without rate-limit headers, before any congestion, widens the window to this many times the initial one.</summary>
    public const int HeaderlessWindowFactor = 4;
    public const int DefaultExpectedOutputTokens = 256;
    public const double DefaultDecreaseFactor = 0.5;
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan DefaultMaxRetryAfter = TimeSpan.FromMinutes(5);

    /// <summary>The weight of each new observation in the running average of output tokens.</summary>
    public const double OutputAverageWeight = 0.2;

    /// <summary>Timers are armed in whole milliseconds, rounded up, so a wake-up is never early.</summary>
    public static readonly TimeSpan TimerResolution = TimeSpan.FromMilliseconds(1);
}
