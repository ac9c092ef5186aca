namespace Chorus.Resilience;

/// <summary>
/// Learns an endpoint's latency online to decide when an attempt is slow enough to hedge. Thread-safe.
/// </summary>
/// <remarks>
/// Attempts that are still running are counted as censored observations (at least as slow as they are so far) in a Kaplan–Meier
/// estimate: when 64 calls start together, the fastest answers arrive first, and a plain percentile of the finished ones would call
/// every call still running "slow". With censoring the 95th percentile is known only once 95 % of the calls have answered.
/// </remarks>
internal sealed class LatencyTracker(TimeProvider time, double percentile, int minSamples, int window)
{
    private readonly object _sync = new();
    private readonly Queue<double> _completed = new();
    private readonly Dictionary<long, long> _running = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextId;

    /// <summary>Starts timing an attempt that was just sent; returns its id.</summary>
    public long Start()
    {
        lock (_sync)
        {
            long id = ++_nextId;
            _running[id] = time.GetTimestamp();
            return id;
        }
    }

    /// <summary>Stops timing; a successful attempt's latency becomes a sample. Wakes everyone waiting for a change.</summary>
    public void Finish(long id, bool succeeded)
    {
        TaskCompletionSource changed;
        lock (_sync)
        {
            if (!_running.Remove(id, out long startedAt))
            {
                return;
            }

            if (succeeded)
            {
                _completed.Enqueue(time.GetElapsedTime(startedAt).TotalSeconds);
                while (_completed.Count > window)
                {
                    _completed.Dequeue();
                }
            }

            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    /// <summary>The latency past which an attempt is slow, or <see langword="null"/> while unknown; and a task that completes at the next change.</summary>
    public (TimeSpan? Threshold, Task Changed) Snapshot()
    {
        lock (_sync)
        {
            long now = time.GetTimestamp();
            var samples = new List<(double Seconds, bool Event)>(_completed.Count + _running.Count);
            samples.AddRange(_completed.Select(s => (s, true)));
            samples.AddRange(_running.Values.Select(start => (time.GetElapsedTime(start, now).TotalSeconds, false)));
            double? quantile = _completed.Count >= minSamples ? Quantile(samples, percentile) : null;
            return (quantile is { } q ? TimeSpan.FromSeconds(q) : null, _changed.Task);
        }
    }

    /// <summary>The <paramref name="p"/>-quantile of the latencies of answered attempts, or <see langword="null"/> while fewer than the
    /// minimum samples have answered. Used to size attempt timeouts, where attempts still running must not count.</summary>
    public TimeSpan? AnsweredQuantile(double p)
    {
        lock (_sync)
        {
            if (_completed.Count < minSamples)
            {
                return null;
            }

            double[] sorted = [.. _completed];
            Array.Sort(sorted);
            int index = Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1);
            return TimeSpan.FromSeconds(sorted[index]);
        }
    }

    /// <summary>The Kaplan–Meier <paramref name="p"/>-quantile of right-censored samples, or <see langword="null"/> when the
    /// estimated share of answers by the last event is still below <paramref name="p"/>.</summary>
    internal static double? Quantile(List<(double Seconds, bool Event)> samples, double p)
    {
        // Events before censored ones at the same time, as Kaplan–Meier conventionally orders ties.
        samples.Sort((a, b) => a.Seconds != b.Seconds ? a.Seconds.CompareTo(b.Seconds) : b.Event.CompareTo(a.Event));
        double survival = 1;
        int atRisk = samples.Count;
        foreach ((double seconds, bool isEvent) in samples)
        {
            if (isEvent)
            {
                survival *= 1 - (1.0 / atRisk);
                if (1 - survival >= p - 1e-12)
                {
                    return seconds;
                }
            }

            atRisk--;
        }

        return null;
    }
}
