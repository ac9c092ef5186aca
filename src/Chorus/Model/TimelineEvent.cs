namespace Chorus;

/// <summary>One thing that happened during a run: what the report's timeline holds and what <see cref="PlanRunnerOptions.OnEvent"/> receives.</summary>
/// <param name="AtMs">When, in milliseconds from the start of the run.</param>
/// <param name="Branch">The branch's label, or <see langword="null"/> for a run-level event.</param>
/// <param name="Stage">The branch's stage, or <see langword="null"/> for a run-level event.</param>
/// <param name="Kind">What happened. An <see cref="TimelineEventKind.Attempt"/> event is an <see cref="AttemptEvent"/>, which carries the attempt.</param>
/// <param name="Detail">A short explanation for people, if any. Programs read <see cref="Kind"/> and the attempt, never this text.</param>
public record TimelineEvent(double AtMs, string? Branch, string? Stage, TimelineEventKind Kind, string? Detail = null);
