using System.Globalization;
using System.Runtime.CompilerServices;

namespace Chorus.Simulator;

/// <summary>Configures the simulated model: its answers, latency, rate limits and injected faults.</summary>
/// <remarks>
/// <see cref="SimulatorServer.StartAsync"/> and the <see cref="SimulatedChatClient"/> constructor validate the cross-field rules and
/// copy every value once, so changing this instance afterwards has no effect on a running simulator. Not thread-safe while being set.
/// Each fault rate is the probability that one request gets that fault; the rates are exclusive, so their sum must not exceed 1.
/// </remarks>
public sealed class SimulatorOptions
{
    /// <summary>Gets or sets the seed of every random choice; the same seed and the same requests give the same answers.</summary>
    /// <value>The default is 42.</value>
    public int Seed { get; set; } = 42;

    /// <summary>Gets or sets the model name reported by <c>/v1/models</c> and in responses that name no model.</summary>
    /// <value>The default is <c>chorus-sim-1</c>. Must not be empty.</value>
    public string Model
    {
        get;
        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            field = value;
        }
    } = SimulatorConstants.DefaultModel;

    /// <summary>Gets or sets the requests-per-minute limit, enforced like OpenAI's (see <see cref="BurstSeconds"/>).</summary>
    /// <value>The default is <see langword="null"/>: no limit. Must be positive when set.</value>
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

    /// <summary>Gets or sets the tokens-per-minute limit; a request costs its prompt tokens plus <c>n</c> times its <c>max_tokens</c>
    /// (60 when it sets none), as OpenAI estimates before answering.</summary>
    /// <value>The default is <see langword="null"/>: no limit. Must be positive when set.</value>
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

    /// <summary>Gets or sets how many seconds of budget each rate-limit bucket may hold.</summary>
    /// <value>The default is 1. Must be positive and at most 60.</value>
    /// <remarks>
    /// Each budget refills continuously at <c>limit / 60</c> per second. A bucket holds
    /// <c>max(limit × BurstSeconds / 60, min(limit, 2))</c>: one second's worth for large limits (600 RPM allows 10 at once, then
    /// 10 a second), but never less than two requests, or the whole limit when it is smaller. Providers quantize small limits over
    /// longer windows; a bucket below one request would refuse everything, and the floor of two lets two requests through at once, so
    /// with 2 RPM the third request within a minute is refused. A request costing more than a bucket holds (large prompts under a
    /// small tokens-per-minute limit) is admitted only when the bucket is full and leaves it in debt; one costing more than the whole
    /// per-minute limit is always refused. Refused requests consume no budget.
    /// </remarks>
    public double BurstSeconds
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 60);
            field = value;
        }
    } = 1;

    /// <summary>Gets or sets the mean time to the first token, in milliseconds.</summary>
    /// <value>The default is 250. Must be zero or positive.</value>
    public double LatencyMs
    {
        get;
        set
        {
            ThrowIfNegativeOrNotFinite(value);
            field = value;
        }
    } = 250;

    /// <summary>Gets or sets the mean time per output token, in milliseconds.</summary>
    /// <value>The default is 10. Must be zero or positive.</value>
    public double MsPerToken
    {
        get;
        set
        {
            ThrowIfNegativeOrNotFinite(value);
            field = value;
        }
    } = 10;

    /// <summary>Gets or sets the sigma of the lognormal jitter applied to both latencies; the jitter's mean is 1, so the means hold.</summary>
    /// <value>The default is 0.3. Must be between 0 (no jitter) and 3.</value>
    public double LatencyJitter
    {
        get;
        set
        {
            ThrowIfNegativeOrNotFinite(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 3);
            field = value;
        }
    } = 0.3;

    /// <summary>Gets or sets the probability that a question with a known answer is answered correctly; wrong answers follow
    /// <see cref="SimulatedAccuracy.DefaultDistractorShares"/>.</summary>
    /// <value>The default is 0.6. Must be in [0, 1].</value>
    public double Accuracy
    {
        get;
        set
        {
            ThrowIfNotRate(value);
            field = value;
        }
    } = 0.6;

    /// <summary>Gets or sets the probability that a judge picks (or scores highest) a correct candidate when the answer is known.</summary>
    /// <value>The default is 0.8. Must be in [0, 1].</value>
    public double JudgeAccuracy
    {
        get;
        set
        {
            ThrowIfNotRate(value);
            field = value;
        }
    } = 0.8;

    /// <summary>Gets or sets the probability of an HTTP 500 with an OpenAI error body.</summary>
    /// <value>The default is 0. Must be in [0, 1].</value>
    public double Fault5xxRate
    {
        get;
        set
        {
            ThrowIfNotRate(value);
            field = value;
        }
    }

    /// <summary>Gets or sets the probability that a request is never answered until the client gives up or the server stops.</summary>
    /// <value>The default is 0. Must be in [0, 1].</value>
    public double FaultHangRate
    {
        get;
        set
        {
            ThrowIfNotRate(value);
            field = value;
        }
    }

    /// <summary>Gets or sets the probability that the connection is aborted without an answer.</summary>
    /// <value>The default is 0. Must be in [0, 1].</value>
    public double FaultResetRate
    {
        get;
        set
        {
            ThrowIfNotRate(value);
            field = value;
        }
    }

    /// <summary>Gets or sets the probability of an HTTP 200 whose body (or one stream event) is not valid JSON.</summary>
    /// <value>The default is 0. Must be in [0, 1].</value>
    public double FaultMalformedRate
    {
        get;
        set
        {
            ThrowIfNotRate(value);
            field = value;
        }
    }

    /// <summary>Gets or sets the probability that a streamed answer stops half-way, without a finish reason or <c>[DONE]</c>.
    /// Non-streaming requests that draw this fault are answered normally.</summary>
    /// <value>The default is 0. Must be in [0, 1].</value>
    public double FaultTruncatedStreamRate
    {
        get;
        set
        {
            ThrowIfNotRate(value);
            field = value;
        }
    }

    /// <summary>Gets or sets the probability of a valid answer without <c>usage</c>.</summary>
    /// <value>The default is 0. Must be in [0, 1].</value>
    public double FaultMissingUsageRate
    {
        get;
        set
        {
            ThrowIfNotRate(value);
            field = value;
        }
    }

    /// <summary>Gets or sets the probability of a valid answer with <c>"choices": []</c>.</summary>
    /// <value>The default is 0. Must be in [0, 1].</value>
    public double FaultEmptyChoicesRate
    {
        get;
        set
        {
            ThrowIfNotRate(value);
            field = value;
        }
    }

    /// <summary>Gets or sets a value indicating whether refused requests count against the requests-per-minute budget, as OpenAI
    /// documents ("failed requests count toward your per-minute limit"): a client that keeps retrying before its budget is back keeps
    /// pushing it further away.</summary>
    /// <value>The default is <see langword="false"/>: refused requests consume no budget.</value>
    /// <remarks>A refusal takes one request from the bucket, which may go into debt down to minus its capacity (so a client that
    /// hammers is locked out for at most twice the burst window, never forever).</remarks>
    public bool RefusalsCount { get; set; }

    /// <summary>Gets or sets how a 429 that can succeed later says when to retry.</summary>
    /// <value>The default is <see cref="RetryAfterStyle.SecondsAndMilliseconds"/>, as OpenAI.</value>
    public RetryAfterStyle RetryAfterStyle { get; set; }

    /// <summary>Gets or sets a value indicating whether the <c>x-ratelimit-*</c> headers are left out of every answer, as many
    /// self-hosted servers do; limits are still enforced.</summary>
    /// <value>The default is <see langword="false"/>: the headers are sent.</value>
    public bool OmitRateLimitHeaders { get; set; }

    /// <summary>Gets or sets how many chat requests are admitted before the account's quota is exhausted; after that every request is
    /// refused with a 429 whose error is <c>insufficient_quota</c>, which no retry can fix.</summary>
    /// <value>The default is <see langword="null"/>: no quota. Zero refuses every request. Must not be negative.</value>
    public int? QuotaRequests
    {
        get;
        set
        {
            if (value is { } v)
            {
                ArgumentOutOfRangeException.ThrowIfNegative(v);
            }

            field = value;
        }
    }

    /// <summary>Gets or sets how much each other request in flight slows a request down, as a batching server does (llama.cpp, vLLM:
    /// one forward pass serves the whole batch, so per-token time rises with the batch).</summary>
    /// <value>The default is 0: latency does not depend on load. Must be zero or positive.</value>
    /// <remarks>The model: when a request is admitted with <c>k</c> chat requests in flight (itself included), both its time to the
    /// first token and its time per token are multiplied by <c>1 + BatchSlowdown × (k − 1)</c>, fixed for that request. With
    /// <see cref="MsPerToken"/> = 10 and 0.05, a request admitted alongside 20 others takes 10 × (1 + 0.05 × 20) = 20 ms per token.</remarks>
    public double BatchSlowdown
    {
        get;
        set
        {
            ThrowIfNegativeOrNotFinite(value);
            field = value;
        }
    }

    /// <summary>Gets or sets when an outage starts, measured from when the simulator started: faults correlated in time. During the
    /// outage every chat request is answered at once with HTTP 503.</summary>
    /// <value>The default is <see langword="null"/>: no outage. Must not be negative.</value>
    public TimeSpan? OutageStart
    {
        get;
        set
        {
            if (value is { } v)
            {
                ArgumentOutOfRangeException.ThrowIfLessThan(v, TimeSpan.Zero);
            }

            field = value;
        }
    }

    /// <summary>Gets or sets how long the outage of <see cref="OutageStart"/> lasts.</summary>
    /// <value>The default is 5 seconds. Must be positive.</value>
    public TimeSpan OutageDuration
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            field = value;
        }
    } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets a redirect status (301, 302, 303, 307 or 308) with which every chat request is answered, its
    /// <c>Location</c> pointing back at the same address, as a misconfigured endpoint (<c>http</c> for <c>https</c>, a moved path) does.</summary>
    /// <value>The default is <see langword="null"/>: no redirects. Must be one of the statuses above when set.</value>
    /// <remarks>A client that follows redirects loops until its own limit and then sees the 3xx; one that does not sees it at once.</remarks>
    public int? RedirectStatus
    {
        get;
        set
        {
            if (value is { } v && v is not (301 or 302 or 303 or 307 or 308))
            {
                throw new ArgumentOutOfRangeException(nameof(value), v, string.Create(CultureInfo.InvariantCulture, $"{nameof(RedirectStatus)} must be 301, 302, 303, 307 or 308, was {v}."));
            }

            field = value;
        }
    }

    /// <summary>Gets or sets a JSONL file of recorded samples to replay (lines with <c>id</c>, <c>question</c>, <c>gold</c>,
    /// <c>samples</c> and/or <c>answers</c>). A request whose last user message contains a question (or is exactly its id) gets,
    /// on its k-th request, the k-th sample of a seeded permutation of that question's samples, wrapping around.</summary>
    /// <value>The default is <see langword="null"/>: no replay. The file is read once, when the simulator starts.</value>
    public string? ReplayFile { get; set; }

    /// <summary>Gets or sets the clock used for latency and rate-limit refills. <see langword="null"/> means <see cref="TimeProvider.System"/>.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public TimeProvider? TimeProvider { get; set; }

    private static void ThrowIfNotRate(double value, [CallerMemberName] string property = "")
    {
        if (!(value >= 0 && value <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, string.Create(CultureInfo.InvariantCulture, $"{property} must be in [0, 1], was {value}."));
        }
    }

    private static void ThrowIfNegativeOrNotFinite(double value, [CallerMemberName] string property = "")
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, string.Create(CultureInfo.InvariantCulture, $"{property} must be a finite number, zero or more, was {value}."));
        }
    }
}
