using Chorus.Reporting;

namespace Chorus;

/// <summary>The caller cancelled a run. Carries what the run had done by then.</summary>
/// <remarks>Derives from <see cref="OperationCanceledException"/>, so code that handles cancellation handles it unchanged.</remarks>
public sealed class RunCanceledException : OperationCanceledException
{
    /// <summary>Initializes a new instance with no details.</summary>
    public RunCanceledException()
        : this("The run was cancelled.")
    {
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">The message.</param>
    public RunCanceledException(string message)
        : base(message)
    {
        Outcomes = [];
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The underlying cancellation.</param>
    public RunCanceledException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Outcomes = [];
    }

    /// <summary>Initializes a new instance carrying the partial outcomes and report.</summary>
    /// <param name="message">The message.</param>
    /// <param name="outcomes">Every branch's outcome at cancellation.</param>
    /// <param name="report">The partial report.</param>
    /// <param name="cancellationToken">The caller's token that was cancelled.</param>
    public RunCanceledException(string message, IReadOnlyList<BranchOutcome> outcomes, RunReport report, CancellationToken cancellationToken)
        : base(message, null, cancellationToken)
    {
        Outcomes = outcomes;
        Report = report;
    }

    /// <summary>Gets every branch's outcome at cancellation.</summary>
    public IReadOnlyList<BranchOutcome> Outcomes { get; }

    /// <summary>Gets the partial report, or <see langword="null"/>.</summary>
    public RunReport? Report { get; }
}
