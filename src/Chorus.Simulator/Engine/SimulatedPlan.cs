namespace Chorus.Simulator;

/// <summary>What the engine decided for one request: the answer of each choice, usage, latency and any fault to inject.</summary>
internal sealed record SimulatedPlan(
    string Id,
    IReadOnlyList<SimulatedChoice> Choices,
    int PromptTokens,
    TimeSpan TimeToFirstToken,
    TimeSpan TimePerToken,
    SimulatedFault Fault,
    string QuestionKey)
{
    public int CompletionTokens => Choices.Sum(c => c.Tokens);

    /// <summary>Gets the time to the whole answer; the choices are generated side by side, so the longest one counts.</summary>
    public TimeSpan TotalLatency => TimeToFirstToken + (TimePerToken * (Choices.Count == 0 ? 0 : Choices.Max(c => c.Tokens)));
}

/// <summary>One generated choice and why it ended: <c>stop</c>, or <c>length</c> when cut at <c>max_tokens</c>.</summary>
internal sealed record SimulatedChoice(string Text, string FinishReason)
{
    public int Tokens { get; } = SimulatedTokenizer.Count(Text);
}

/// <summary>The faults the simulator can inject, in the order their rates partition [0, 1).</summary>
internal enum SimulatedFault
{
    None,
    ServerError,
    Hang,
    Reset,
    Malformed,
    TruncatedStream,
    MissingUsage,
    EmptyChoices,
}
