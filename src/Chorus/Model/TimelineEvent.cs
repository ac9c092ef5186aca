namespace Chorus;

/// <summary>One thing that happened during a run: what the report's timeline holds and what <see cref="PlanRunnerOptions.OnEvent"/> receives.</summary>
/// <param name="AtMs">When, in milliseconds from the start of the run.</param>
/// <param name="Branch">The branch's label, or <see langword="null"/> for a run-level event.</param>
/// <param name="Stage">The branch's stage, or <see langword="null"/> for a run-level event.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Detail">A short explanation for people, if any. Programs read <see cref="Kind"/> and <see cref="Attempt"/>, never this text.</param>
public sealed record TimelineEvent(double AtMs, string? Branch, string? Stage, TimelineEventKind Kind, string? Detail = null)
{
    /// <summary>Gets the attempt an <see cref="TimelineEventKind.Attempt"/> event records; <see langword="null"/> for other events.</summary>
    public TimelineAttempt? Attempt { get; init; }
}
