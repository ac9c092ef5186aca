namespace Chorus;

/// <summary>The narrow seam through which a <see cref="BranchContext"/> reports upward: the run's clock and its timeline.</summary>
/// <remarks>Implemented by the runner; middleware below it (scheduling, resilience) sees only <see cref="BranchContext"/>.</remarks>
internal interface IRunTimeline
{
    /// <summary>Gets the time since the run started, on the run's clock.</summary>
    TimeSpan Now { get; }

    /// <summary>Adds an event to the run's timeline.</summary>
    void Event(TimelineEventKind kind, string? branch = null, string? stage = null, string? detail = null);

    /// <summary>Adds an attempt's event to the run's timeline.</summary>
    void Attempt(string branch, string stage, string detail, AttemptRecord attempt);
}
