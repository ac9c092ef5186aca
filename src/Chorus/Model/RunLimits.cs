using Chorus.Estimation;
using Chorus.Scheduling;

namespace Chorus;

/// <summary>Limits that apply to one run of a plan.</summary>
/// <remarks>The plan copies the values when it is created, so changing this instance later has no effect on it.</remarks>
public sealed class RunLimits
{
    /// <summary>Gets or sets the maximum number of branches in flight at once in this run.</summary>
    /// <value>The default is <see cref="int.MaxValue"/>: no per-run cap, so every branch may start at once and the endpoint's
    /// scheduler (<see cref="EndpointScheduler"/>: slow start, learned budgets, back-off on 429) decides how many are in flight —
    /// a fixed cap here only makes a run slower than the provider allows. Set it to cap this run. Must be positive.</value>
    public int MaxConcurrency
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            field = value;
        }
    } = int.MaxValue;

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

    /// <summary>Gets or sets the most tokens (input and output, every stage) the run may spend; no branch starts that could cross it.</summary>
    /// <value>The default is <see langword="null"/>: no cap. Must be positive when set.</value>
    /// <remarks>
    /// Before a branch starts, the runner adds its estimate (see <see cref="PlanEstimator"/>) to what finished branches spent and
    /// what branches in flight are expected to spend; if that would cross the cap, the branch and every later one are skipped
    /// with a <see cref="SpendCapException"/>. Replays from a journal cost nothing and are never skipped.
    /// </remarks>
    public long? MaxTokens
    {
        get;
        set
        {
            if (value is { } v)
            {
                ArgumentOutOfRangeException.ThrowIfNegativeOrZero(v);
            }

            field = value;
        }
    }

    /// <summary>Gets or sets the most money the run may spend, in the price table's currency; no branch starts that could cross it.</summary>
    /// <value>The default is <see langword="null"/>: no cap. Must be positive when set; the runner's <see cref="PlanRunnerOptions.Prices"/> must price every branch's model.</value>
    /// <remarks>Enforced as <see cref="MaxTokens"/> is, on cost.</remarks>
    public decimal? MaxCost
    {
        get;
        set
        {
            if (value is { } v)
            {
                ArgumentOutOfRangeException.ThrowIfNegativeOrZero(v);
            }

            field = value;
        }
    }

    internal RunLimits Copy() => new()
    {
        MaxConcurrency = MaxConcurrency,
        BranchTimeout = BranchTimeout,
        Deadline = Deadline,
        MaxTokens = MaxTokens,
        MaxCost = MaxCost,
    };
}
