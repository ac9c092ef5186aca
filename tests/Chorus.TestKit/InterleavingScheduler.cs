namespace Chorus.TestKit;

/// <summary>
/// Decides, from a seed, in which order calls held at their gates are let go: one at a time, or several at once so
/// that their outcomes land together. Calls register when they start (<see cref="WaitForReleaseAsync"/>); the test
/// reports when each call's branch has ended (<see cref="Ended"/>).
/// </summary>
/// <remarks>
/// The scheduler releases only at a quiet point: every released call has ended and every worker holds a call (or no
/// branch is left to start), so each choice is made over the same set of held calls for a given seed. The order in
/// which the thread pool delivers outcomes that landed together is left to it, which is the point: the invariants
/// under test must hold for every such order. Thread-safe; one lock, never held across an await.
/// </remarks>
public sealed class InterleavingScheduler
{
    private readonly object _sync = new();
    private readonly Random _random;
    private readonly int _count;
    private readonly int _concurrency;
    private readonly Dictionary<int, TaskCompletionSource> _held = [];
    private readonly HashSet<int> _released = [];
    private readonly HashSet<int> _ended = [];
    private readonly HashSet<int> _parked = [];
    private readonly SemaphoreSlim _changed = new(0);

    /// <summary>Initializes a scheduler for <paramref name="count"/> calls, at most <paramref name="concurrency"/> at once, whose choices follow <paramref name="seed"/>.</summary>
    public InterleavingScheduler(int seed, int count, int concurrency)
    {
        _random = new Random(seed);
        _count = count;
        _concurrency = concurrency;
    }

    /// <summary>Gets how many release steps let more than one call go at once.</summary>
    public int SimultaneousLandings { get; private set; }

    /// <summary>Registers call <paramref name="id"/> as started and waits until the scheduler lets it go.</summary>
    /// <param name="id">The call's identity (a branch index).</param>
    /// <param name="cancellationToken">Cancels the wait (a call that honours cancellation); pass none for a call whose answer is already in hand.</param>
    /// <returns>A task that completes when the call is released.</returns>
    public Task WaitForReleaseAsync(int id, CancellationToken cancellationToken)
    {
        TaskCompletionSource tcs = new(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_sync)
        {
            _held[id] = tcs;
            _parked.Remove(id);
        }

        _changed.Release();
        return tcs.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Records that branch <paramref name="id"/> has ended, whether it was called, cancelled or never started.</summary>
    /// <param name="id">The branch index.</param>
    public void Ended(int id)
    {
        lock (_sync)
        {
            _ended.Add(id);
            _parked.Remove(id);
        }

        _changed.Release();
    }

    /// <summary>Records that branch <paramref name="id"/> is waiting for something other than the scheduler (room under a spend cap) before its call starts.</summary>
    /// <param name="id">The branch index.</param>
    public void Parked(int id)
    {
        lock (_sync)
        {
            _parked.Add(id);
        }

        _changed.Release();
    }

    /// <summary>Releases held calls in seeded batches, at quiet points, until <paramref name="run"/> completes.</summary>
    /// <param name="run">The run being driven.</param>
    /// <param name="hangGuard">Real time after which the run is declared hung (a guard only; never reached by a passing run).</param>
    /// <returns>A task that completes when the run has.</returns>
    /// <exception cref="TimeoutException">Nothing happened for <paramref name="hangGuard"/>.</exception>
    public async Task DriveAsync(Task run, TimeSpan hangGuard)
    {
        _ = run.ContinueWith(_ => _changed.Release(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        while (!run.IsCompleted)
        {
            List<TaskCompletionSource> batch = [];
            lock (_sync)
            {
                List<int> waiting = [.. _held.Keys.Where(k => !_released.Contains(k) && !_ended.Contains(k)).Order()];
                bool releasedRunning = _released.Any(k => !_ended.Contains(k));
                int busy = waiting.Count + _parked.Count;
                bool quiet = !releasedRunning && waiting.Count > 0 && (busy >= _concurrency || busy + _ended.Count >= _count);
                if (quiet)
                {
                    // Mostly one at a time; sometimes everything held at once, sometimes a random handful.
                    int roll = _random.Next(10);
                    int take = roll < 4 ? 1 : roll < 7 ? waiting.Count : 1 + _random.Next(waiting.Count);
                    for (int i = 0; i < take; i++)
                    {
                        int pick = _random.Next(waiting.Count);
                        int id = waiting[pick];
                        waiting.RemoveAt(pick);
                        _released.Add(id);
                        batch.Add(_held[id]);
                    }

                    if (take > 1)
                    {
                        SimultaneousLandings++;
                    }
                }
            }

            foreach (TaskCompletionSource tcs in batch)
            {
                tcs.TrySetResult();
            }

            // Released calls always end, and a free worker always starts or skips a branch or ends the run.
            if (batch.Count == 0 && !await _changed.WaitAsync(hangGuard).ConfigureAwait(false))
            {
                throw new TimeoutException("The run made no progress: no call started, ended or completed the run.");
            }
        }

        await run.ConfigureAwait(false);
    }
}
