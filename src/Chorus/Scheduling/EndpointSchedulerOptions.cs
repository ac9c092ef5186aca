using System.Globalization;
using Microsoft.Extensions.AI;
using Chorus.Providers;

namespace Chorus.Scheduling;

/// <summary>Configures an <see cref="EndpointScheduler"/>: the provider's budget for one endpoint and account.</summary>
/// <remarks>
/// The scheduler validates the cross-field rules and copies every value when it is built, so changing this instance afterwards
/// has no effect on it. Not thread-safe while being set.
/// </remarks>
public sealed class EndpointSchedulerOptions
{
    /// <summary>Gets or sets the most calls in flight at once; the ceiling of the adaptive (AIMD) window.</summary>
    /// <value>The default is 256: a safety ceiling, not a pace. The window, the learned budgets and 429s pace the calls.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    public int MaxConcurrency
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            field = value;
        }
    } = EndpointSchedulerConstants.DefaultMaxConcurrency;

    /// <summary>Gets or sets the requests-per-minute budget.</summary>
    /// <value>The default is <see langword="null"/>: learned from the provider's headers when <see cref="LearnLimitsFromHeaders"/> is set,
    /// else unlimited. Must be positive when set.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    public int? RequestsPerMinute
    {
        get;
        set
        {
            if (value is { } v)
            {
                ArgumentOutOfRangeException.ThrowIfNegativeOrZero(v);
            }

            field = value;
        }
    }

    /// <summary>Gets or sets the tokens-per-minute budget; a call costs its estimated prompt tokens plus its expected output
    /// (<see cref="ChatOptions.MaxOutputTokens"/> when set, else the running average of observed output) per sample.</summary>
    /// <value>The default is <see langword="null"/>: learned from the provider's headers when <see cref="LearnLimitsFromHeaders"/> is set,
    /// else unlimited. Must be positive when set.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    public int? TokensPerMinute
    {
        get;
        set
        {
            if (value is { } v)
            {
                ArgumentOutOfRangeException.ThrowIfNegativeOrZero(v);
            }

            field = value;
        }
    }

    /// <summary>Gets or sets how many seconds of a configured budget may be spent at once (the bucket's size).</summary>
    /// <value>The default is 1, as OpenAI enforces: 600 requests/min allows 10 at once, then 10 a second. Must be positive and at most 60.
    /// Learned limits infer the burst from the <c>remaining</c> and <c>reset</c> headers instead.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not in (0, 60].</exception>
    public double BurstSeconds
    {
        get;
        set
        {
            if (!(value > 0 && value <= 60))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, string.Create(CultureInfo.InvariantCulture, $"{nameof(BurstSeconds)} must be in (0, 60], was {value}."));
            }

            field = value;
        }
    } = EndpointSchedulerConstants.DefaultBurstSeconds;

    /// <summary>Gets or sets a value indicating whether budgets that are not configured are learned from the provider's
    /// <c>x-ratelimit-limit-*</c>, <c>-remaining-*</c> and <c>-reset-*</c> headers (<see cref="ProviderResponseInfo"/>).</summary>
    /// <value>The default is <see langword="true"/>. While nothing is configured or learned yet, calls start with a slow start
    /// from <see cref="InitialConcurrency"/>.</value>
    public bool LearnLimitsFromHeaders { get; set; } = true;

    /// <summary>Gets or sets the calls in flight at first when no budget is configured (the slow start while limits are learned).
    /// Each answer then admits two more (the window doubles per round trip, as TCP's slow start) until a 429, a low
    /// <c>x-ratelimit-remaining-*</c> or a learned budget takes over.</summary>
    /// <value>The default is 16: a typical fan-out (a vote of 16) goes out in one wave, and a provider's one-second burst (10 at
    /// 600 requests/min) refuses at most a few before the limits are learned. Must be positive and not above
    /// <see cref="MaxConcurrency"/> when set (checked when the scheduler is built); the default is lowered to a smaller <see cref="MaxConcurrency"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    public int InitialConcurrency
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            field = value;
            InitialConcurrencySet = true;
        }
    } = EndpointSchedulerConstants.DefaultInitialConcurrency;

    /// <summary>Gets a value indicating whether <see cref="InitialConcurrency"/> was set: the default is quietly lowered to a smaller
    /// <see cref="MaxConcurrency"/>, a value the caller chose is checked against it.</summary>
    internal bool InitialConcurrencySet { get; private set; }

    /// <summary>Gets or sets the output tokens expected per sample when a call sets no <see cref="ChatOptions.MaxOutputTokens"/> and
    /// no output has been observed yet.</summary>
    /// <value>The default is 256. Must be zero or positive.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int ExpectedOutputTokens
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            field = value;
        }
    } = EndpointSchedulerConstants.DefaultExpectedOutputTokens;

    /// <summary>Gets or sets what the concurrency window is multiplied by on a 429.</summary>
    /// <value>The default is 0.5. Must be in (0, 1).</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not in (0, 1).</exception>
    public double DecreaseFactor
    {
        get;
        set
        {
            if (!(value > 0 && value < 1))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, string.Create(CultureInfo.InvariantCulture, $"{nameof(DecreaseFactor)} must be in (0, 1), was {value}."));
            }

            field = value;
        }
    } = EndpointSchedulerConstants.DefaultDecreaseFactor;

    /// <summary>Gets or sets how long admissions pause after a 429 that carries no <c>Retry-After</c>.</summary>
    /// <value>The default is 1 second. Must be zero or positive.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public TimeSpan DefaultRetryAfter
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            field = value;
        }
    } = EndpointSchedulerConstants.DefaultRetryAfter;

    /// <summary>Gets or sets the longest pause a single <c>Retry-After</c> may impose on admissions; a longer hint is capped to this.</summary>
    /// <value>The default is 5 minutes. Must be positive.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    public TimeSpan MaxRetryAfter
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            field = value;
        }
    } = EndpointSchedulerConstants.DefaultMaxRetryAfter;

    /// <summary>Gets or sets the clock. <see langword="null"/> means <see cref="TimeProvider.System"/>.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public TimeProvider? TimeProvider { get; set; }
}
