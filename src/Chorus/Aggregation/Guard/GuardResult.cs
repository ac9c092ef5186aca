namespace Chorus.Aggregation;

/// <summary>The result of a guarded answer: the answer when the guard allowed it, or why it was refused.</summary>
/// <param name="Allowed">Whether the guard allowed the answer.</param>
/// <param name="Answer">The main branch's text when allowed; <see langword="null"/> when refused.</param>
/// <param name="GuardVerdict">The guard's own text, or a description of its failure.</param>
/// <param name="Reason">One line: why the answer was allowed or refused.</param>
public sealed record GuardResult(bool Allowed, string? Answer, string GuardVerdict, string Reason);
