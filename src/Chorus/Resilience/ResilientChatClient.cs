using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Chorus.Providers;
using Chorus.Scheduling;

namespace Chorus.Resilience;

/// <summary>
/// Middleware that makes each call resilient, attempt by attempt: retries transient failures (429, 5xx, timeouts, resets, malformed
/// answers) with decorrelated jitter that never retries sooner than <c>Retry-After</c>, a per-attempt timeout, optional hedging for
/// tail latency, and a circuit breaker for the endpoint. Every attempt is reported to the branch (<see cref="BranchContext"/>).
/// </summary>
/// <remarks>
/// <para>Put it above a <see cref="SchedulingChatClient"/> so every attempt — retries and hedges included — passes the endpoint's budget:
/// <c>provider.WithScheduler(scheduler).WithResilience(options)</c>. Attempt timeouts and hedge thresholds then count from when an
/// attempt was admitted, so waiting for budget never looks like a slow provider.</para>
/// <para>Retries and the circuit breaker run on a Polly <see cref="ResiliencePipeline"/> on the injected clock. Hedging is ours: the
/// threshold is a latency percentile learned online, re-evaluated while an attempt runs (Polly fixes a hedge's delay when the attempt
/// starts, before the first calls have answered). The losing attempt is cancelled and awaited, so its estimated tokens are reported.</para>
/// <para>The caller's cancellation is never retried. Streaming calls are retried until their first update arrives, and not hedged.
/// Hold one instance per endpoint so the latency tracker, hedge budget and circuit are the endpoint's. Thread-safe.</para>
/// </remarks>
public sealed class ResilientChatClient : DelegatingChatClient
{
    private static readonly ResiliencePropertyKey<ResilientCall?> CallKey = new("chorus.resilient-call");
    private readonly ResiliencePipeline _pipeline;
    private readonly CircuitBreakerStateProvider? _circuit;

    // The failure that last opened the circuit: a fail-fast error says what kind of trouble the endpoint is in.
    private Exception? _openedBy;
    private readonly IChatClient? _fallback;
    private readonly Func<double> _random;
    private readonly string _endpoint;
    private readonly bool _adaptiveTimeout;
    private readonly TimeSpan _minAttemptTimeout;

    /// <summary>Initializes the middleware.</summary>
    /// <param name="innerClient">The client to make resilient, typically a <see cref="SchedulingChatClient"/>.</param>
    /// <param name="options">The options, validated and copied now; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="innerClient"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><see cref="ResilienceOptions.MaxDelay"/> is below <see cref="ResilienceOptions.BaseDelay"/>.</exception>
    public ResilientChatClient(IChatClient innerClient, ResilienceOptions? options = null)
        : base(innerClient)
    {
        options ??= new ResilienceOptions();
        if (options.MaxDelay < options.BaseDelay)
        {
            throw new ArgumentException(
                $"{nameof(ResilienceOptions.MaxDelay)} ({options.MaxDelay}) must not be below {nameof(ResilienceOptions.BaseDelay)} ({options.BaseDelay}).", nameof(options));
        }

        Time = options.TimeProvider ?? TimeProvider.System;
        BaseDelay = options.BaseDelay;
        MaxDelay = options.MaxDelay;
        MaxRetryTime = options.MaxRetryTime;
        AttemptTimeout = options.AttemptTimeout;
        _adaptiveTimeout = options.AdaptiveAttemptTimeout;
        _minAttemptTimeout = options.MinAttemptTimeout;
        MaxRetryAfter = options.MaxRetryAfter;
        Hedging = options.EnableHedging;
        Tracker = new LatencyTracker(Time, options.HedgePercentile, options.HedgeMinSamples, ResilienceConstants.LatencyWindow);
        HedgeBudget = new HedgeBudget(options.HedgeBudget, ResilienceConstants.MaxHedgeCredits);
        Scheduled = innerClient.GetService<EndpointScheduler>() is not null;
        Classifier = innerClient.FailureClassifier();
        _fallback = options.FallbackClient;
        _random = options.Randomizer ?? CreateRandom();
        _endpoint = innerClient.GetService<ChatClientMetadata>()?.ProviderUri is { } uri ? $"endpoint '{uri}'" : "the endpoint";

        var builder = new ResiliencePipelineBuilder { TimeProvider = Time, Name = "chorus" };
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                ShouldHandle = static args => new ValueTask<bool>(CallOf(args.Context).ShouldRetry(args.Outcome.Exception)),
                DelayGenerator = static args => new ValueTask<TimeSpan?>(CallOf(args.Context).NextDelay),
            });
        }

        if (options.EnableCircuitBreaker)
        {
            _circuit = new CircuitBreakerStateProvider();
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.CircuitFailureRatio,
                MinimumThroughput = options.CircuitMinimumThroughput,
                SamplingDuration = options.CircuitSamplingDuration,
                BreakDuration = options.CircuitBreakDuration,
                StateProvider = _circuit,
                ShouldHandle = args => new ValueTask<bool>(
                    args.Outcome.Exception is { } ex && Classifier.IsEndpointFailure(ex, args.Context.CancellationToken)),
                OnOpened = args =>
                {
                    Volatile.Write(ref _openedBy, args.Outcome.Exception);
                    BranchContext.Current?.RecordEvent(TimelineEventKind.CircuitOpen, $"{_endpoint}: calls fail fast for {args.BreakDuration}");
                    return default;
                },
            });
        }

        _pipeline = builder.Build();
    }

    /// <summary>Gets the state of the endpoint's circuit, or <see langword="null"/> when the circuit breaker is off.</summary>
    public CircuitState? CircuitState => _circuit?.CircuitState;

    internal TimeProvider Time { get; }

    internal TimeSpan BaseDelay { get; }

    internal TimeSpan MaxDelay { get; }

    internal TimeSpan MaxRetryTime { get; }

    internal TimeSpan? AttemptTimeout { get; }

    internal TimeSpan MaxRetryAfter { get; }

    /// <summary>The timeout of an attempt sent now: adaptive for non-streaming calls once latencies are known, else <see cref="AttemptTimeout"/>.</summary>
    internal TimeSpan? AttemptTimeoutFor(bool streaming)
    {
        if (AttemptTimeout is not { } ceiling || streaming || !_adaptiveTimeout
            || Tracker.AnsweredQuantile(ResilienceConstants.AdaptiveTimeoutPercentile) is not { } high)
        {
            return AttemptTimeout;
        }

        TimeSpan adaptive = high * ResilienceConstants.AdaptiveTimeoutFactor;
        return adaptive < _minAttemptTimeout ? TimeSpan.FromTicks(Math.Min(_minAttemptTimeout.Ticks, ceiling.Ticks))
            : adaptive > ceiling ? ceiling : adaptive;
    }

    internal bool Hedging { get; }

    /// <summary>Gets the classifier of the inner client's failures (found through <see cref="IChatClient.GetService"/>).</summary>
    internal ProviderFailureClassifier Classifier { get; }

    internal LatencyTracker Tracker { get; }

    internal HedgeBudget HedgeBudget { get; }

    /// <summary>Gets a value indicating whether a scheduler below marks when attempts are sent.</summary>
    internal bool Scheduled { get; }

    internal IChatClient Inner => InnerClient;

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        IReadOnlyList<ChatMessage> list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var call = new ResilientCall(this, list, options, BranchContext.Current, cancellationToken);
        ResilienceContext context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(CallKey, call);
        try
        {
            return await _pipeline.ExecuteAsync(static (_, c) => c.RunGroupAsync(), context, call).ConfigureAwait(false);
        }
        catch (BrokenCircuitException ex) when (_fallback is not null)
        {
            return await FallbackAsync(list, options, call.Branch, ex, cancellationToken).ConfigureAwait(false);
        }
        catch (BrokenCircuitException ex)
        {
            throw CircuitOpen(ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        IReadOnlyList<ChatMessage> list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var call = new ResilientCall(this, list, options, BranchContext.Current, cancellationToken);
        ResilienceContext context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(CallKey, call);
        ResilientCall.StreamStart start;
        try
        {
            start = await _pipeline.ExecuteAsync(static (_, c) => c.OpenStreamAsync(), context, call).ConfigureAwait(false);
        }
        catch (BrokenCircuitException ex)
        {
            throw CircuitOpen(ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        using ResilientAttempt attempt = start.Attempt;
        IAsyncEnumerator<ChatResponseUpdate> updates = start.Updates;
        await using (updates.ConfigureAwait(false))
        {
            ChatResponseUpdate? last = null;
            UsageDetails? usage = null;
            bool more = start.HasFirst;
            while (more)
            {
                last = updates.Current;
                foreach (AIContent content in last.Contents)
                {
                    if (content is UsageContent u)
                    {
                        usage = u.Details;
                    }
                }

                yield return last;
                try
                {
                    more = await updates.MoveNextAsync().ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    Exception error = attempt.EndStream(ex, last, usage)!;
                    if (ReferenceEquals(error, ex))
                    {
                        throw;
                    }

                    throw error;
                }
            }

            attempt.EndStream(null, last, usage);
        }
    }

    internal double NextRandom()
    {
        double value = _random();
        return double.IsFinite(value) ? Math.Clamp(value, 0, 1) : 0;
    }

    private static ResilientCall CallOf(ResilienceContext context) =>
        context.Properties.GetValue(CallKey, null) ?? throw new InvalidOperationException("The resilience pipeline ran without its call.");

    private static Func<double> CreateRandom()
    {
        var random = new Random();
        var sync = new object();
        return () =>
        {
            lock (sync)
            {
                return random.NextDouble();
            }
        };
    }

    private ChatProviderException CircuitOpen(BrokenCircuitException ex)
    {
        Exception? openedBy = Volatile.Read(ref _openedBy);
        ProviderErrorKind kind = (openedBy is null ? null : Classifier.Classify(openedBy))?.Kind ?? ProviderErrorKind.ServerError;
        return new(
            $"The circuit for {_endpoint} is open: too many of its recent calls failed (5xx, timeouts, resets), so calls fail fast"
            + (ex.RetryAfter is { } wait ? $" for another {wait}" : string.Empty)
            + (openedBy is null ? string.Empty : $"; it opened on: {openedBy.Message}")
            + $". Configure {nameof(ResilienceOptions)}.{nameof(ResilienceOptions.FallbackClient)} to use another endpoint meanwhile.",
            kind,
            rateLimits: new RateLimitSignals(RetryAfter: ex.RetryAfter),
            innerException: ex);
    }

    private async Task<ChatResponse> FallbackAsync(
        IReadOnlyList<ChatMessage> messages, ChatOptions? options, BranchContext? branch, BrokenCircuitException ex, CancellationToken cancellationToken)
    {
        branch?.RecordEvent(TimelineEventKind.CircuitFallback, $"{_endpoint} is open; using the fallback client");
        TimeSpan startedAt = branch?.Now ?? TimeSpan.Zero;
        try
        {
            ChatResponse response = await _fallback!.GetResponseAsync(messages, options?.Clone(), cancellationToken).ConfigureAwait(false);
            branch?.RecordAttempt(ResilienceConstants.Fallback, startedAt, AttemptStatus.Ok, usage: response.Usage);
            return response;
        }
        catch (Exception fallbackError)
        {
            ProviderFailure? failure = _fallback!.FailureClassifier().Classify(fallbackError);
            branch?.RecordAttempt(ResilienceConstants.Fallback, startedAt, FailureClassifier.Status(fallbackError, cancellationToken.IsCancellationRequested, failure),
                FailureClassifier.Describe(fallbackError, failure), failure?.StatusCode);
            throw new AggregateException($"The circuit for {_endpoint} is open and the fallback client failed too: {fallbackError.Message}", ex, fallbackError);
        }
    }
}
