namespace Chorus.Simulator;

/// <summary>The outcome of a rate-limit check and the budget state to report in <c>x-ratelimit-*</c> headers.</summary>
/// <param name="Admitted">Whether the request may go ahead.</param>
/// <param name="RefusedBy"><c>requests</c> or <c>tokens</c> when refused (OpenAI's error <c>type</c>).</param>
/// <param name="RetryAfter">How long until the request would fit; <see langword="null"/> when admitted or when it never fits.</param>
/// <param name="Message">The error message when refused.</param>
/// <param name="Requests">The request budget, when one is configured.</param>
/// <param name="Tokens">The token budget, when one is configured.</param>
internal sealed record RateLimitDecision(
    bool Admitted,
    string? RefusedBy,
    TimeSpan? RetryAfter,
    string? Message,
    RateLimitDecision.Budget? Requests,
    RateLimitDecision.Budget? Tokens)
{
    /// <summary>One budget's state after the decision.</summary>
    internal sealed record Budget(long Limit, long Remaining, TimeSpan Reset);
}
