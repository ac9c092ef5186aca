using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Chorus.Providers;

namespace Chorus.Resilience;

/// <summary>Configures <see cref="ResilientChatClient"/>: retries, the per-attempt timeout, hedging and the circuit breaker.</summary>
/// <remarks>
/// The client validates the cross-field rules and copies every value when it is built, so changing this instance afterwards has
/// no effect on it. Not thread-safe while being set.
/// </remarks>
public sealed class ResilienceOptions
{
    /// <summary>Gets or sets how many times a failed call is retried (429, 5xx, timeouts, resets, malformed answers).</summary>
    /// <value>The default is 4. Must be zero (no retries) or positive.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int MaxRetryAttempts
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            field = value;
        }
    } = ResilienceConstants.DefaultMaxRetryAttempts;

    /// <summary>Gets or sets the shortest back-off: each delay is drawn between this and three times the previous one (decorrelated
    /// jitter), capped at <see cref="MaxDelay"/>, and never shorter than the provider's <c>Retry-After</c>.</summary>
    /// <value>The default is 100 ms: independent faults (a 5xx, a reset) are best retried soon; a provider's <c>Retry-After</c> and the
    /// endpoint scheduler's back-off on 429 still pace an overloaded endpoint. Must be positive.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    public TimeSpan BaseDelay
    {
        get;
        set
        {
            ThrowIfNotPositive(value);
            field = value;
        }
    } = ResilienceConstants.DefaultBaseDelay;

    /// <summary>Gets or sets the longest back-off drawn by the jitter. A longer <c>Retry-After</c> is still honored.</summary>
    /// <value>The default is 30 seconds. Must be positive and not below <see cref="BaseDelay"/> (checked when the client is built).</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    public TimeSpan MaxDelay
    {
        get;
        set
        {
            ThrowIfNotPositive(value);
            field = value;
        }
    } = ResilienceConstants.DefaultMaxDelay;

    /// <summary>Gets or sets the most time a call may spend retrying, from its first attempt: a retry that would start later is not made.</summary>
    /// <value>The default is 2 minutes. Must be positive.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    public TimeSpan MaxRetryTime
    {
        get;
        set
        {
            ThrowIfNotPositive(value);
            field = value;
        }
    } = ResilienceConstants.DefaultMaxRetryTime;

    /// <summary>Gets or sets how long one attempt may run once it was sent (time waiting for budget in a scheduler below is not
    /// counted); past it the attempt is cancelled and fails with a <see cref="TimeoutException"/>, which is retried. With
    /// <see cref="AdaptiveAttemptTimeout"/> this is the ceiling, and what streaming attempts always get.</summary>
    /// <value>The default is 2 minutes. Must be positive, or <see langword="null"/> for no timeout (and no adaptive timeout).</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    public TimeSpan? AttemptTimeout
    {
        get;
        set
        {
            if (value is { } v)
            {
                ThrowIfNotPositive(v);
            }

            field = value;
        }
    } = ResilienceConstants.DefaultAttemptTimeout;

    /// <summary>Gets or sets a value indicating whether a non-streaming attempt's timeout adapts to the endpoint's observed latency:
    /// once <see cref="HedgeMinSamples"/> attempts have answered, it is three times the 99th percentile of their latencies, never below
    /// <see cref="MinAttemptTimeout"/> nor above <see cref="AttemptTimeout"/>. Streaming attempts keep <see cref="AttemptTimeout"/>,
    /// since a long generation is not a hang.</summary>
    /// <value>The default is <see langword="true"/>: a hung call is given up after seconds, not minutes, on a fast endpoint.</value>
    public bool AdaptiveAttemptTimeout { get; set; } = ResilienceConstants.DefaultAdaptiveAttemptTimeout;

    /// <summary>Gets or sets the floor of the adaptive attempt timeout (<see cref="AdaptiveAttemptTimeout"/>).</summary>
    /// <value>The default is 2 seconds. Must be positive.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    public TimeSpan MinAttemptTimeout
    {
        get;
        set
        {
            ThrowIfNotPositive(value);
            field = value;
        }
    } = ResilienceConstants.DefaultMinAttemptTimeout;

    /// <summary>Gets or sets the longest single wait a provider's <c>Retry-After</c> may impose on a retry: a longer hint is
    /// capped to this, and the wait is reported as such (<c>provider asked for N s</c>).</summary>
    /// <value>The default is 5 minutes. Must be positive.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    public TimeSpan MaxRetryAfter
    {
        get;
        set
        {
            ThrowIfNotPositive(value);
            field = value;
        }
    } = ResilienceConstants.DefaultMaxRetryAfter;

    /// <summary>Gets or sets a value indicating whether a second attempt is sent when the first runs past <see cref="HedgePercentile"/>
    /// of the latencies seen so far; the first answer wins and the other attempt is cancelled (its tokens are still counted).</summary>
    /// <value>The default is <see langword="true"/>, within <see cref="HedgeBudget"/> (at most one extra attempt per ten): a hung
    /// or very slow call is raced after the endpoint's 95th percentile instead of holding the whole run.</value>
    public bool EnableHedging { get; set; } = ResilienceConstants.DefaultEnableHedging;

    /// <summary>Gets or sets the latency percentile past which an attempt is hedged, learned online from this client's attempts
    /// (attempts still running count as at least as slow as they are so far).</summary>
    /// <value>The default is 0.95. Must be in [0.5, 1).</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not in [0.5, 1).</exception>
    public double HedgePercentile
    {
        get;
        set
        {
            if (!(value >= 0.5 && value < 1))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, string.Create(CultureInfo.InvariantCulture, $"{nameof(HedgePercentile)} must be in [0.5, 1), was {value}."));
            }

            field = value;
        }
    } = ResilienceConstants.DefaultHedgePercentile;

    /// <summary>Gets or sets how many latencies must have been observed before any attempt is hedged.</summary>
    /// <value>The default is 20. Must be positive.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    public int HedgeMinSamples
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            field = value;
        }
    } = ResilienceConstants.DefaultHedgeMinSamples;

    /// <summary>Gets or sets the hedge budget: at most this many hedges per attempt sent (each attempt earns this much credit, a hedge spends one).</summary>
    /// <value>The default is 0.1: at most one extra attempt per ten. Must be in (0, 1].</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not in (0, 1].</exception>
    public double HedgeBudget
    {
        get;
        set
        {
            if (!(value > 0 && value <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, string.Create(CultureInfo.InvariantCulture, $"{nameof(HedgeBudget)} must be in (0, 1], was {value}."));
            }

            field = value;
        }
    } = ResilienceConstants.DefaultHedgeBudget;

    /// <summary>Gets or sets a value indicating whether a circuit breaker stops calls to an endpoint that keeps failing (5xx, timeouts,
    /// resets; not 429s, which the scheduler paces, nor invalid requests).</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool EnableCircuitBreaker { get; set; } = true;

    /// <summary>Gets or sets the share of failed calls in <see cref="CircuitSamplingDuration"/> that opens the circuit.</summary>
    /// <value>The default is 0.5. Must be in (0, 1].</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not in (0, 1].</exception>
    public double CircuitFailureRatio
    {
        get;
        set
        {
            if (!(value > 0 && value <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, string.Create(CultureInfo.InvariantCulture, $"{nameof(CircuitFailureRatio)} must be in (0, 1], was {value}."));
            }

            field = value;
        }
    } = ResilienceConstants.DefaultCircuitFailureRatio;

    /// <summary>Gets or sets how many calls <see cref="CircuitSamplingDuration"/> must hold before the circuit may open.</summary>
    /// <value>The default is 10. Must be at least 2.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 2.</exception>
    public int CircuitMinimumThroughput
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 2);
            field = value;
        }
    } = ResilienceConstants.DefaultCircuitMinimumThroughput;

    /// <summary>Gets or sets the window over which failures are counted.</summary>
    /// <value>The default is 30 seconds. Must be at least 500 ms.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 500 ms.</exception>
    public TimeSpan CircuitSamplingDuration
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.FromMilliseconds(500));
            field = value;
        }
    } = ResilienceConstants.DefaultCircuitSamplingDuration;

    /// <summary>Gets or sets how long an open circuit fails calls fast before letting one through to test the endpoint (half-open).</summary>
    /// <value>The default is 15 seconds. Must be at least 500 ms.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 500 ms.</exception>
    public TimeSpan CircuitBreakDuration
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.FromMilliseconds(500));
            field = value;
        }
    } = ResilienceConstants.DefaultCircuitBreakDuration;

    /// <summary>Gets or sets the client called instead while the circuit is open, for example another endpoint or model.</summary>
    /// <value>The default is <see langword="null"/>: an open circuit fails the call fast with a <see cref="ChatProviderException"/>.</value>
    public IChatClient? FallbackClient { get; set; }

    /// <summary>Gets or sets the clock (delays, timeouts, hedging, the circuit). <see langword="null"/> means <see cref="TimeProvider.System"/>.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Gets or sets the source of uniform random numbers in [0, 1) for the jitter.</summary>
    /// <value>The default is <see langword="null"/>, which means a private <see cref="Random"/>.</value>
    public Func<double>? Randomizer { get; set; }

    private static void ThrowIfNotPositive(TimeSpan value, [CallerMemberName] string property = "")
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"{property} must be positive, was {value}.");
        }
    }
}
