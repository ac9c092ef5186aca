using System.Diagnostics;

namespace Chorus.Scheduling;

/// <summary>
/// The provider's budget for one endpoint and account, shared by every run in the process: at most a window of calls in flight,
/// requests/min and tokens/min buckets, a pause after a 429 until its <c>Retry-After</c>, and a fair queue with priorities.
/// </summary>
/// <remarks>
/// <para>Use it through <see cref="SchedulingChatClient"/> (<see cref="SchedulingExtensions.WithScheduler(Microsoft.Extensions.AI.IChatClient, EndpointScheduler)"/>),
/// and hold one per endpoint and account, for example in an <see cref="EndpointSchedulerRegistry"/>.</para>
/// <para>Each call is charged one request and its estimated tokens before it is sent; when the provider reports usage the estimate is
/// reconciled. Budgets not configured are learned from the provider's rate-limit headers, starting slowly until they are known.
/// On a 429 admissions stop until <c>Retry-After</c> and the window is cut multiplicatively, then it grows back additively (AIMD).
/// Waiting calls are served second-stage calls first (judges that unblock a finished run), then round robin between runs.</para>
/// <para>Thread-safe: one private lock, never held across an await. Time comes only from the injected <see cref="TimeProvider"/>.
/// Dispose it to stop its timer; calls still waiting are not cancelled by disposal.</para>
/// </remarks>
public sealed partial class EndpointScheduler : IDisposable
{
    private readonly object _sync = new();
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private readonly FairQueue<Waiter> _queue = new();
    private readonly ConcurrencyWindow _window;
    private readonly bool _requestsConfigured;
    private readonly bool _tokensConfigured;
    private readonly bool _learn;
    private readonly double _decreaseFactor;
    private readonly TimeSpan _defaultRetryAfter;
    private readonly TimeSpan _maxRetryAfter;
    private readonly long[] _blockEpochs = new long[4];
    private ReplenishingBucket? _requests;
    private ReplenishingBucket? _tokens;
    private long _pausedUntil = long.MinValue;
    private long _lastDecreaseAt = long.MinValue;
    private long _timerTarget = long.MaxValue;
    private int _inFlight;
    private long _admitted;
    private double _admittedTokens;
    private double _averageOutput;
    private bool _learnedOnce;
    private bool _congestionSeen;
    private bool _sizedFromAnswer;
    private readonly int _initialConcurrency;

    /// <summary>Initializes a scheduler.</summary>
    /// <param name="options">The options, validated and copied now; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException"><see cref="EndpointSchedulerOptions.InitialConcurrency"/> is above <see cref="EndpointSchedulerOptions.MaxConcurrency"/>.</exception>
    public EndpointScheduler(EndpointSchedulerOptions? options = null)
    {
        options ??= new EndpointSchedulerOptions();
        if (options.InitialConcurrencySet && options.InitialConcurrency > options.MaxConcurrency)
        {
            throw new ArgumentException(
                $"{nameof(EndpointSchedulerOptions.InitialConcurrency)} ({options.InitialConcurrency}) must not be above {nameof(EndpointSchedulerOptions.MaxConcurrency)} ({options.MaxConcurrency}).",
                nameof(options));
        }

        _time = options.TimeProvider ?? TimeProvider.System;
        MaxConcurrency = options.MaxConcurrency;
        _learn = options.LearnLimitsFromHeaders;
        _decreaseFactor = options.DecreaseFactor;
        _defaultRetryAfter = options.DefaultRetryAfter;
        _maxRetryAfter = options.MaxRetryAfter;
        _averageOutput = options.ExpectedOutputTokens;
        long now = _time.GetTimestamp();
        if (options.RequestsPerMinute is { } rpm)
        {
            _requestsConfigured = true;
            double capacity = ReplenishingBucket.CapacityFor(rpm, options.BurstSeconds);
            _requests = new ReplenishingBucket(rpm, capacity, capacity, now, _time);
        }

        if (options.TokensPerMinute is { } tpm)
        {
            _tokensConfigured = true;
            double capacity = ReplenishingBucket.CapacityFor(tpm, options.BurstSeconds);
            _tokens = new ReplenishingBucket(tpm, capacity, capacity, now, _time);
        }

        // Slow start only when nothing is known: a configured budget paces the calls from the first one.
        bool slowStart = _learn && !_requestsConfigured && !_tokensConfigured;
        _initialConcurrency = Math.Min(options.InitialConcurrency, options.MaxConcurrency);
        _window = new ConcurrencyWindow(options.MaxConcurrency, slowStart ? Math.Min(options.InitialConcurrency, options.MaxConcurrency) : options.MaxConcurrency, _decreaseFactor);
        _timer = _time.CreateTimer(static s => ((EndpointScheduler)s!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Gets the ceiling of the concurrency window.</summary>
    public int MaxConcurrency { get; }

    /// <summary>Gets the calls allowed in flight now (the adaptive window).</summary>
    public int ConcurrencyLimit
    {
        get
        {
            lock (_sync)
            {
                return _window.Limit;
            }
        }
    }

    /// <summary>Gets the calls admitted and not yet finished.</summary>
    public int InFlight
    {
        get
        {
            lock (_sync)
            {
                return _inFlight;
            }
        }
    }

    /// <summary>Gets the calls waiting to be admitted.</summary>
    public int QueueLength
    {
        get
        {
            lock (_sync)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Gets the requests-per-minute budget in force, configured or learned; <see langword="null"/> when there is none.</summary>
    public long? RequestsPerMinute
    {
        get
        {
            lock (_sync)
            {
                return _requests is { } b ? (long)b.LimitPerMinute : null;
            }
        }
    }

    /// <summary>Gets the tokens-per-minute budget in force, configured or learned; <see langword="null"/> when there is none.</summary>
    public long? TokensPerMinute
    {
        get
        {
            lock (_sync)
            {
                return _tokens is { } b ? (long)b.LimitPerMinute : null;
            }
        }
    }

    /// <summary>Gets the output tokens per sample currently expected of a call that sets no max tokens: the running average of observed output.</summary>
    public double ExpectedOutputTokens
    {
        get
        {
            lock (_sync)
            {
                return _averageOutput;
            }
        }
    }

    /// <summary>Gets the requests and tokens left in the buckets now, for tests; <see langword="null"/> where there is no budget.</summary>
    internal (double? Requests, double? Tokens) Levels()
    {
        lock (_sync)
        {
            long now = _time.GetTimestamp();
            return (_requests?.LevelAt(now), _tokens?.LevelAt(now));
        }
    }

    /// <summary>Stops the scheduler's timer.</summary>
    public void Dispose() => _timer.Dispose();

    /// <summary>Waits until the call fits the budget, then takes its share. Cancelling while waiting takes and releases nothing.</summary>
    internal async Task<SchedulerLease> AcquireAsync(SchedulerRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Waiter waiter;
        List<Grant>? grants;
        lock (_sync)
        {
            ThrowIfQuotaExhausted();
            long now = _time.GetTimestamp();
            if (_queue.Count == 0 && Blocker(request.Tokens, now, out _) == SchedulerBlock.None)
            {
                return Admit(request, now, TimeSpan.Zero, SchedulerBlock.None);
            }

            waiter = new Waiter(request, now, (long[])_blockEpochs.Clone());
            waiter.Entry = _queue.Enqueue(waiter, request.Lane, request.Flow);
            grants = Pump(now);
        }

        Complete(grants);
        using CancellationTokenRegistration registration = cancellationToken.UnsafeRegister(
            static (s, token) => ((Waiter)s!).Owner!.Cancel((Waiter)s!, token), waiter.WithOwner(this));
        return await waiter.Signal.Task.ConfigureAwait(false);
    }

    /// <summary>Estimates the output of a call that sets no max tokens.</summary>
    internal long ExpectedOutput()
    {
        lock (_sync)
        {
            return (long)Math.Ceiling(_averageOutput);
        }
    }

    private void Cancel(Waiter waiter, CancellationToken token)
    {
        List<Grant>? grants = null;
        bool removed;
        lock (_sync)
        {
            removed = _queue.Remove(waiter.Entry!);
            if (removed)
            {
                // The head may have been the one cancelled: whoever is next may fit now.
                grants = Pump(_time.GetTimestamp());
            }
        }

        if (removed)
        {
            waiter.Signal.TrySetCanceled(token);
        }

        Complete(grants);
    }

    internal void Release()
    {
        List<Grant>? grants;
        lock (_sync)
        {
            _inFlight--;
            Debug.Assert(_inFlight >= 0, "More releases than admissions.");
            grants = Pump(_time.GetTimestamp());
        }

        Complete(grants);
    }

    private void OnTimer()
    {
        List<Grant>? grants;
        lock (_sync)
        {
            _timerTarget = long.MaxValue;
            grants = Pump(_time.GetTimestamp());
        }

        Complete(grants);
    }

    /// <summary>Admits waiters from the head while they fit; arms the timer for when the head will fit. Under the lock.</summary>
    private List<Grant>? Pump(long now)
    {
        List<Grant>? grants = null;
        while (_queue.TryPeek(out FairQueue<Waiter>.Entry? head))
        {
            Waiter waiter = head!.Item;
            SchedulerBlock block = Blocker(waiter.Request.Tokens, now, out TimeSpan wait);
            if (block == SchedulerBlock.None)
            {
                _queue.DequeueHead(head);
                TimeSpan waited = _time.GetElapsedTime(waiter.EnqueuedAt, now);
                (grants ??= []).Add(new Grant(waiter, Admit(waiter.Request, now, waited, waiter.BlockedSince(_blockEpochs))));
                continue;
            }

            _blockEpochs[System.Numerics.BitOperations.Log2((uint)block)]++;
            if (block != SchedulerBlock.Concurrency)
            {
                ArmTimer(now, wait);
            }

            break;
        }

        return grants;
    }

    private static void Complete(List<Grant>? grants)
    {
        if (grants is null)
        {
            return;
        }

        foreach (Grant grant in grants)
        {
            grant.Waiter.Signal.TrySetResult(grant.Lease);
        }
    }

    /// <summary>What keeps a call of <paramref name="tokens"/> from starting now, and for budgets how long until it may. Under the lock.</summary>
    private SchedulerBlock Blocker(double tokens, long now, out TimeSpan wait)
    {
        wait = TimeSpan.Zero;
        if (_inFlight >= _window.Limit)
        {
            return SchedulerBlock.Concurrency;
        }

        if (now < _pausedUntil)
        {
            wait = _time.GetElapsedTime(now, _pausedUntil);
            return SchedulerBlock.RetryAfter;
        }

        if (_requests is { } requests && requests.TimeUntil(1, now) is { } r && r > TimeSpan.Zero)
        {
            wait = r;
            return SchedulerBlock.Requests;
        }

        if (_tokens is { } bucket && bucket.TimeUntil(tokens, now) is { } t && t > TimeSpan.Zero)
        {
            wait = t;
            return SchedulerBlock.Tokens;
        }

        return SchedulerBlock.None;
    }

    private SchedulerLease Admit(SchedulerRequest request, long now, TimeSpan waited, SchedulerBlock blockedBy)
    {
        _inFlight++;
        _requests?.Take(1, now);
        _tokens?.Take(request.Tokens, now);
        _admitted++;
        _admittedTokens += request.Tokens;
        return new SchedulerLease(this, request, now, _admitted, _admittedTokens, waited, blockedBy);
    }

    private void ArmTimer(long now, TimeSpan wait)
    {
        // Whole milliseconds, rounded up: a wake-up a tick early would find the budget a hair short and spin.
        TimeSpan due = TimeSpan.FromMilliseconds(Math.Max(1, Math.Ceiling(wait.TotalMilliseconds)));
        long target = now + (long)(due.TotalSeconds * _time.TimestampFrequency);
        if (target == _timerTarget)
        {
            return;
        }

        _timerTarget = target;
        _timer.Change(due, Timeout.InfiniteTimeSpan);
    }

    private readonly record struct Grant(Waiter Waiter, SchedulerLease Lease);
}
