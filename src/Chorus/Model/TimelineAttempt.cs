namespace Chorus;

/// <summary>The typed facts of one attempt, carried by its <see cref="TimelineEventKind.Attempt"/> event.</summary>
/// <param name="Number">The 1-based attempt number within the branch.</param>
/// <param name="Kind">What the attempt was.</param>
/// <param name="Status">How it ended.</param>
/// <param name="HttpStatus">The HTTP status when the provider answered over HTTP; otherwise <see langword="null"/>.</param>
/// <param name="InputTokens">Input tokens the attempt was charged (reported or estimated), when known.</param>
/// <param name="OutputTokens">Output tokens the attempt was charged (reported or estimated), when known.</param>
/// <param name="Model">The model the attempt asked for or was answered by, when known.</param>
public sealed record TimelineAttempt(int Number, AttemptKind Kind, AttemptStatus Status, int? HttpStatus, long? InputTokens, long? OutputTokens, string? Model);
