namespace Chorus;

/// <summary>When a branch moved through its life, as offsets from the start of the run.</summary>
/// <param name="QueuedAt">When the branch was queued (the run's start for first-stage branches).</param>
/// <param name="StartedAt">When it got a concurrency slot and its first call began; <see langword="null"/> if it never started.</param>
/// <param name="FirstTokenAt">When the first streamed content arrived; <see langword="null"/> when not streaming or none arrived.</param>
/// <param name="FinishedAt">When its outcome was known.</param>
public readonly record struct BranchTiming(TimeSpan QueuedAt, TimeSpan? StartedAt, TimeSpan? FirstTokenAt, TimeSpan FinishedAt)
{
    /// <summary>Gets the time spent waiting for a concurrency slot.</summary>
    public TimeSpan QueueWait => (StartedAt ?? FinishedAt) - QueuedAt;

    /// <summary>Gets the time spent in calls, from start to finish; zero if the branch never started.</summary>
    public TimeSpan Duration => StartedAt is { } s ? FinishedAt - s : TimeSpan.Zero;
}
