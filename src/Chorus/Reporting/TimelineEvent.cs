namespace Chorus.Reporting;

/// <summary>One thing that happened during a run.</summary>
/// <param name="AtMs">When, in milliseconds from the start of the run.</param>
/// <param name="Branch">The branch's label, or <see langword="null"/> for a run-level event.</param>
/// <param name="Stage">The branch's stage, or <see langword="null"/> for a run-level event.</param>
/// <param name="Kind">What happened: <c>queued</c>, <c>started</c>, <c>first_token</c>, <c>attempt</c>, <c>fallback</c>,
/// <c>succeeded</c>, <c>failed</c>, <c>timed_out</c>, <c>cancelled</c>, <c>skipped</c>, <c>settled</c>, <c>policy_failed</c>, <c>deadline</c>,
/// <c>replayed</c> (answered from the journal), <c>journal_error</c>.</param>
/// <param name="Detail">A short explanation, if any.</param>
public sealed record TimelineEvent(double AtMs, string? Branch, string? Stage, string Kind, string? Detail = null);
