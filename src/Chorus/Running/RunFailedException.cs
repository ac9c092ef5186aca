using Chorus.Reporting;

namespace Chorus;

/// <summary>A run could not produce a result: its failure policy failed, or its aggregator could not decide.</summary>
/// <remarks>Nothing finished is lost: <see cref="Outcomes"/> and <see cref="Report"/> hold every branch's outcome.</remarks>
public sealed class RunFailedException : Exception
{
    /// <summary>Initializes a new instance with no details.</summary>
    public RunFailedException()
        : this("The run failed.")
    {
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">Why the run failed.</param>
    public RunFailedException(string message)
        : this(message, null)
    {
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">Why the run failed.</param>
    /// <param name="innerException">The first branch error or the aggregation error.</param>
    public RunFailedException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Outcomes = [];
    }

    /// <summary>Initializes a new instance carrying the run's outcomes and report.</summary>
    /// <param name="message">Why the run failed.</param>
    /// <param name="outcomes">Every branch's outcome.</param>
    /// <param name="report">The account of the run.</param>
    /// <param name="failedBranch">The branch whose failure decided it, for fail-fast.</param>
    /// <param name="innerException">The first branch error or the aggregation error.</param>
    public RunFailedException(string message, IReadOnlyList<BranchOutcome> outcomes, RunReport report, string? failedBranch, Exception? innerException)
        : base(message, innerException)
    {
        Outcomes = outcomes;
        Report = report;
        FailedBranch = failedBranch;
    }

    /// <summary>Gets every branch's outcome.</summary>
    public IReadOnlyList<BranchOutcome> Outcomes { get; }

    /// <summary>Gets the run's report, or <see langword="null"/> when none was made.</summary>
    public RunReport? Report { get; }

    /// <summary>Gets the label of the branch whose failure decided the run (fail fast), if any.</summary>
    public string? FailedBranch { get; }
}
