namespace Chorus;

/// <summary>Limits that apply to one run of a plan.</summary>
/// <remarks>The plan copies the values when it is created, so changing this instance later has no effect on it.</remarks>
public sealed class RunLimits
{
    /// <summary>Gets or sets the maximum number of branches in flight at once in this run.</summary>
    /// <value>The default is 8. Must be positive.</value>
    public int MaxConcurrency
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            field = value;
        }
    } = 8;

    /// <summary>Gets or sets how long one branch may run, fallback included; a branch that runs longer fails with a timeout.</summary>
    /// <value>The default is <see langword="null"/>: no per-branch timeout. Must be positive when set.</value>
    public TimeSpan? BranchTimeout
    {
        get;
        set
        {
            if (value is { } v)
            {
                ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(v, TimeSpan.Zero);
            }

            field = value;
        }
    }

    /// <summary>Gets or sets how long the whole run may take; branches still running then fail with a timeout.</summary>
    /// <value>The default is <see langword="null"/>: no deadline. Must be positive when set.</value>
    public TimeSpan? Deadline
    {
        get;
        set
        {
            if (value is { } v)
            {
                ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(v, TimeSpan.Zero);
            }

            field = value;
        }
    }

    internal RunLimits Copy() => new() { MaxConcurrency = MaxConcurrency, BranchTimeout = BranchTimeout, Deadline = Deadline };
}
