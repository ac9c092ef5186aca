namespace Chorus.TestKit;

/// <summary>A clock that moves only when <see cref="Advance"/> is called. Fires due timers in order, outside its lock.</summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly object _sync = new();
    private readonly List<ManualTimer> _timers = [];
    private long _ticks;
    private long _armed;
    private readonly List<(long Target, TaskCompletionSource Signal)> _armWaiters = [];

    /// <summary>Initializes a clock at 2026-01-01 UTC.</summary>
    public ManualTimeProvider()
        : this(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>Initializes a clock at <paramref name="start"/>.</summary>
    public ManualTimeProvider(DateTimeOffset start) => Start = start;

    /// <summary>Gets the clock's start.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Gets how far the clock has moved.</summary>
    public TimeSpan Elapsed
    {
        get { lock (_sync) { return TimeSpan.FromTicks(_ticks); } }
    }

    /// <summary>Gets how many timers were ever armed (created with a finite due time, or changed to one). Only grows.</summary>
    public long TimersArmed
    {
        get { lock (_sync) { return _armed; } }
    }

    /// <summary>Gets how many timers are armed and not yet due.</summary>
    public int PendingTimers
    {
        get { lock (_sync) { return _timers.Count(t => t.DueTicks is not null); } }
    }

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override long GetTimestamp()
    {
        lock (_sync) { return _ticks; }
    }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_sync) { return Start + TimeSpan.FromTicks(_ticks); }
    }

    /// <summary>Waits until at least <paramref name="count"/> timers were ever armed.</summary>
    public Task WaitForTimersArmedAsync(long count, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            if (_armed >= count)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _armWaiters.Add((count, signal));
            return signal.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }
    }

    /// <summary>Moves the clock forward and fires every timer that falls due, in due order.</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        long target;
        lock (_sync)
        {
            target = _ticks + by.Ticks;
        }

        while (true)
        {
            ManualTimer? next;
            lock (_sync)
            {
                next = _timers.Where(t => t.DueTicks is { } d && d <= target).OrderBy(t => t.DueTicks).ThenBy(t => t.Sequence).FirstOrDefault();
                if (next is null)
                {
                    _ticks = target;
                    return;
                }

                _ticks = Math.Max(_ticks, next.DueTicks!.Value);
                next.DueTicks = next.PeriodTicks is { } p && p > 0 ? _ticks + p : null;
            }

            next.Fire();
        }
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private void Arm(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        List<TaskCompletionSource> release = [];
        lock (_sync)
        {
            if (!_timers.Contains(timer))
            {
                _timers.Add(timer);
                timer.Sequence = _armed;
            }

            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                timer.DueTicks = null;
                return;
            }

            timer.DueTicks = _ticks + Math.Max(0, dueTime.Ticks);
            timer.PeriodTicks = period == Timeout.InfiniteTimeSpan ? null : period.Ticks;
            _armed++;
            for (int i = _armWaiters.Count - 1; i >= 0; i--)
            {
                if (_armWaiters[i].Target <= _armed)
                {
                    release.Add(_armWaiters[i].Signal);
                    _armWaiters.RemoveAt(i);
                }
            }
        }

        foreach (TaskCompletionSource signal in release)
        {
            signal.TrySetResult();
        }

        // A timer armed with a zero due time is due now; like the system clock, fire it on the thread pool,
        // never inside CreateTimer/Change where the caller's own state is not set up yet.
        if (dueTime == TimeSpan.Zero)
        {
            ThreadPool.QueueUserWorkItem(static s => ((ManualTimeProvider)s!).Advance(TimeSpan.Zero), this);
        }
    }

    private void Remove(ManualTimer timer)
    {
        lock (_sync)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public long? DueTicks { get; set; }

        public long? PeriodTicks { get; set; }

        public long Sequence { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner.Arm(this, dueTime, period);
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose() => owner.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
