namespace Chorus;

/// <summary>How a branch ended.</summary>
public enum BranchStatus
{
    /// <summary>The branch returned a response.</summary>
    Succeeded,

    /// <summary>The branch's call failed (fallback included); <see cref="BranchOutcome.Error"/> says why.</summary>
    Failed,

    /// <summary>The branch ran past its per-branch timeout or the run's deadline. Counts as a failure.</summary>
    TimedOut,

    /// <summary>The run no longer needed the branch (the answer was settled, a guard vetoed, or a sibling failed fast) and cancelled it mid-call.</summary>
    Cancelled,

    /// <summary>The run no longer needed the branch before it started; nothing was sent.</summary>
    Skipped,
}
