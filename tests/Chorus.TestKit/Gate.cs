namespace Chorus.TestKit;

/// <summary>Counts calls in flight, signals when a number have started, and holds them until released.</summary>
public sealed class Gate
{
    private readonly object _sync = new();
    private readonly Dictionary<int, TaskCompletionSource> _started = [];
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int InFlight { get; private set; }

    public int Peak { get; private set; }

    public int Started { get; private set; }

    public int Finished { get; private set; }

    public Task Released => _release.Task;

    public void Release() => _release.TrySetResult();

    public Task WhenStarted(int count)
    {
        lock (_sync)
        {
            if (Started >= count)
            {
                return Task.CompletedTask;
            }

            if (!_started.TryGetValue(count, out TaskCompletionSource? tcs))
            {
                tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _started[count] = tcs;
            }

            return tcs.Task.WaitAsync(TimeSpan.FromSeconds(10));   // hang guard only
        }
    }

    public void Enter()
    {
        List<TaskCompletionSource> signals = [];
        lock (_sync)
        {
            InFlight++;
            Started++;
            Peak = Math.Max(Peak, InFlight);
            foreach ((int count, TaskCompletionSource tcs) in _started)
            {
                if (Started >= count)
                {
                    signals.Add(tcs);
                }
            }
        }

        signals.ForEach(s => s.TrySetResult());
    }

    public void Exit()
    {
        lock (_sync)
        {
            InFlight--;
            Finished++;
        }
    }

    /// <summary>Wraps a body so the call is counted while it runs.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> body)
    {
        Enter();
        try
        {
            return await body();
        }
        finally
        {
            Exit();
        }
    }
}
