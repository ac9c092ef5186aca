namespace Chorus.Estimation;

/// <summary>The expected tokens and cost of one call, before it is made.</summary>
/// <param name="Label">The branch's label.</param>
/// <param name="Stage">The branch's stage: <c>main</c>, or a follow-up stage such as <c>judge</c>.</param>
/// <param name="Model">The model the call will ask for, when known.</param>
/// <param name="InputTokens">The prompt tokens: about four characters a token plus four a message, as most tokenizers average.</param>
/// <param name="OutputTokens">The output tokens: the call's max output tokens, else the expected length, times the samples it asks for.</param>
/// <param name="Cost">The cost, or <see langword="null"/> when the model has no price.</param>
public sealed record BranchEstimate(string Label, string Stage, string? Model, long InputTokens, long OutputTokens, decimal? Cost)
{
    /// <summary>Gets the input and output tokens together.</summary>
    public long TotalTokens => InputTokens + OutputTokens;
}
