namespace Chorus;

/// <summary>One call made on behalf of a branch: the first try, a retry, a hedge or a fallback.</summary>
/// <param name="Number">The 1-based attempt number within the branch.</param>
/// <param name="Kind">What the attempt was.</param>
/// <param name="StartedAt">When it started, as an offset from the start of the run.</param>
/// <param name="FinishedAt">When it finished, as an offset from the start of the run.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Error">The error message when the attempt failed; otherwise <see langword="null"/>.</param>
/// <param name="HttpStatus">The HTTP status code when the provider answered over HTTP; otherwise <see langword="null"/>.</param>
/// <param name="InputTokens">Input tokens this attempt was charged, when known.</param>
/// <param name="OutputTokens">Output tokens this attempt was charged, when known.</param>
/// <param name="Model">The model the attempt asked for or was answered by, when known.</param>
public sealed record AttemptRecord(
    int Number,
    AttemptKind Kind,
    TimeSpan StartedAt,
    TimeSpan FinishedAt,
    AttemptStatus Status,
    string? Error = null,
    int? HttpStatus = null,
    long? InputTokens = null,
    long? OutputTokens = null,
    string? Model = null);
