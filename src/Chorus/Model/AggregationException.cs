namespace Chorus;

/// <summary>An aggregator could not produce a result: no usable votes, or a judge's output could not be understood.</summary>
/// <remarks>When the run throws this, every branch's outcome is kept in the <see cref="RunFailedException.Report"/> of the failed run.</remarks>
public sealed class AggregationException : Exception
{
    /// <summary>Initializes a new instance with no details.</summary>
    public AggregationException()
        : this("The aggregation failed.")
    {
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">What went wrong and what to fix.</param>
    public AggregationException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">What went wrong and what to fix.</param>
    /// <param name="innerException">The underlying error.</param>
    public AggregationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance carrying the model output that could not be used.</summary>
    /// <param name="message">What went wrong and what to fix.</param>
    /// <param name="rawOutput">The raw text the judge or juror returned.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public AggregationException(string message, string? rawOutput, Exception? innerException = null)
        : base(message, innerException)
    {
        RawOutput = rawOutput;
    }

    /// <summary>Gets the raw model output that could not be parsed, when that was the problem.</summary>
    public string? RawOutput { get; }
}
