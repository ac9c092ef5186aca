namespace Chorus;

/// <summary>The error of a branch that was not started because it could have taken the run past its spend cap (<see cref="RunLimits.MaxTokens"/> or <see cref="RunLimits.MaxCost"/>).</summary>
/// <remarks>The branch's outcome is <see cref="BranchStatus.Skipped"/>: nothing was sent. Aggregators count it as an abstention.</remarks>
public sealed class SpendCapException : OperationCanceledException
{
    /// <summary>Initializes a new instance.</summary>
    public SpendCapException()
        : this("The branch was not started: it could cross the run's spend cap.")
    {
    }

    /// <summary>Initializes a new instance with a message.</summary>
    /// <param name="message">The message.</param>
    public SpendCapException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The inner exception.</param>
    public SpendCapException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets which cap: <c>tokens</c> or <c>cost</c>.</summary>
    public string Cap { get; init; } = "tokens";

    /// <summary>Gets the cap's value.</summary>
    public decimal Limit { get; init; }

    /// <summary>Gets what the run had spent or committed to branches in flight when the branch was due to start.</summary>
    public decimal Committed { get; init; }

    /// <summary>Gets the branch's own estimate.</summary>
    public decimal Estimate { get; init; }
}
