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
