using System.Collections.Concurrent;

namespace Chorus.Simulator;

/// <summary>Thread-safe counters behind <see cref="SimulatorStats"/>.</summary>
/// <remarks>A snapshot reads each counter atomically but not all of them at one instant; good enough for a simulator.</remarks>
internal sealed class SimulatorStatsCounter
{
    private readonly long[] _counts = new long[(int)Counter.Count];
    private readonly ConcurrentDictionary<string, long> _questions = new(StringComparer.Ordinal);
    private readonly object _waitersSync = new();
    private readonly List<(long Target, TaskCompletionSource Signal)> _hangWaiters = [];
    private long _hangsEver;

    internal enum Counter
    {
        Requests,
        Succeeded,
        RateLimited,
        ServerErrors,
        Hangs,
        Resets,
        Malformed,
        TruncatedStreams,
        MissingUsage,
        EmptyChoices,
        BadRequests,
        StreamingRequests,
        PromptTokens,
        CompletionTokens,
        Count,
    }

    public void Increment(Counter counter, long by = 1) => Interlocked.Add(ref _counts[(int)counter], by);

    public void CountQuestion(string key) => _questions.AddOrUpdate(key, 1, (_, n) => n + 1);

    /// <summary>Counts a hang and wakes whoever waits for it (tests wait for a hang to start before cancelling it).</summary>
    public void CountHang()
    {
        Increment(Counter.Hangs);
        List<TaskCompletionSource> release = [];
        lock (_waitersSync)
        {
            _hangsEver++;
            for (int i = _hangWaiters.Count - 1; i >= 0; i--)
            {
                if (_hangWaiters[i].Target <= _hangsEver)
                {
                    release.Add(_hangWaiters[i].Signal);
                    _hangWaiters.RemoveAt(i);
                }
            }
        }

        foreach (TaskCompletionSource signal in release)
        {
            signal.TrySetResult();
        }
    }

    /// <summary>Completes when at least <paramref name="count"/> hangs have started since the server started (resets do not matter).</summary>
    public Task WaitForHangsAsync(long count)
    {
        lock (_waitersSync)
        {
            if (_hangsEver >= count)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _hangWaiters.Add((count, signal));
            return signal.Task;
        }
    }

    public SimulatorStats Snapshot()
    {
        long Get(Counter c) => Interlocked.Read(ref _counts[(int)c]);
        return new SimulatorStats(
            Get(Counter.Requests),
            Get(Counter.Succeeded),
            Get(Counter.RateLimited),
            Get(Counter.ServerErrors),
            Get(Counter.Hangs),
            Get(Counter.Resets),
            Get(Counter.Malformed),
            Get(Counter.TruncatedStreams),
            Get(Counter.MissingUsage),
            Get(Counter.EmptyChoices),
            Get(Counter.BadRequests),
            Get(Counter.StreamingRequests),
            Get(Counter.PromptTokens),
            Get(Counter.CompletionTokens),
            new SortedDictionary<string, long>(_questions, StringComparer.Ordinal));
    }

    public void Reset()
    {
        for (int i = 0; i < _counts.Length; i++)
        {
            Interlocked.Exchange(ref _counts[i], 0);
        }

        _questions.Clear();
    }
}
