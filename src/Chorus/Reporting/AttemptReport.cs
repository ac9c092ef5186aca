namespace Chorus.Reporting;

/// <summary>One attempt of a branch, as written in the run report (times in milliseconds from the start of the run).</summary>
/// <param name="Number">The 1-based attempt number.</param>
/// <param name="Kind">What the attempt was: <c>call</c>, <c>retry</c>, <c>hedge</c> or <c>fallback</c>.</param>
/// <param name="StartMs">When it started.</param>
/// <param name="EndMs">When it finished.</param>
/// <param name="Status">The outcome: <c>ok</c>, <c>error</c>, <c>timeout</c> or <c>cancelled</c>.</param>
/// <param name="Error">The error message, if it failed.</param>
/// <param name="HttpStatus">The HTTP status, when the call went over HTTP.</param>
public sealed record AttemptReport(int Number, AttemptKind Kind, double StartMs, double EndMs, AttemptStatus Status, string? Error, int? HttpStatus);
