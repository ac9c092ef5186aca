namespace Chorus;

/// <summary>The <see cref="TimelineEventKind.Attempt"/> event: one attempt ended, with its typed facts (kind, status, HTTP status, tokens, model).</summary>
/// <param name="AtMs">When it ended, in milliseconds from the start of the run.</param>
/// <param name="Branch">The branch's label.</param>
/// <param name="Stage">The branch's stage.</param>
/// <param name="Detail">A short explanation for people, for example <c>retry #2: error (HTTP 429)</c>.</param>
/// <param name="Attempt">The attempt, as the branch's outcome records it.</param>
/// <remarks>A subtype rather than a field on every event, so a run's other events cost nothing for it; reports serialize it as a plain <see cref="TimelineEvent"/>.</remarks>
public sealed record AttemptEvent(double AtMs, string? Branch, string? Stage, string? Detail, AttemptRecord Attempt)
    : TimelineEvent(AtMs, Branch, Stage, TimelineEventKind.Attempt, Detail);
