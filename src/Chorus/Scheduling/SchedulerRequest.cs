namespace Chorus.Scheduling;

/// <summary>What one call asks of an <see cref="EndpointScheduler"/>.</summary>
/// <param name="InputTokens">The estimated prompt tokens.</param>
/// <param name="OutputTokensPerSample">The output tokens expected per sample: the call's max tokens, else the scheduler's running average.</param>
/// <param name="Samples">The number of samples (<c>n</c>) the call asks for.</param>
/// <param name="OutputIsCap">Whether <paramref name="OutputTokensPerSample"/> is the call's max tokens, which providers charge in full.</param>
/// <param name="Lane">0 for calls that unblock a finished run (second stage), 1 for new samples.</param>
/// <param name="Flow">The run the call belongs to, for round robin between runs.</param>
internal sealed record SchedulerRequest(long InputTokens, long OutputTokensPerSample, int Samples, bool OutputIsCap, int Lane, object Flow)
{
    /// <summary>Gets the tokens charged against the budget before the call.</summary>
    public long Tokens => InputTokens + (OutputTokensPerSample * Samples);
}
