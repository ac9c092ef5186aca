namespace Chorus.Running;

/// <summary>The error of a branch the run let go because it no longer needed it (the answer was settled, a guard vetoed,
/// or a sibling failed fast): a normal end, reported as "stopped early", never as a failure.</summary>
internal sealed class StoppedEarlyException : OperationCanceledException
{
    public StoppedEarlyException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>Whether an outcome is a branch the run stopped early.</summary>
    public static bool IsStoppedEarly(BranchOutcome outcome) =>
        outcome.Status is BranchStatus.Cancelled or BranchStatus.Skipped && outcome.Error is StoppedEarlyException;
}
