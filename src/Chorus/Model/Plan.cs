namespace Chorus;

/// <summary>What to run and how to join it: branches, an aggregator, a failure policy and limits.</summary>
/// <typeparam name="TResult">The type of the joined result.</typeparam>
/// <remarks>
/// A plan is immutable and validated once, when it is created: the branch list and the limits are copied, so a plan
/// can be run any number of times, concurrently, and later changes to the arguments have no effect on it.
/// </remarks>
public sealed class Plan<TResult>
{
    private readonly RunLimits _limits;

    /// <summary>Initializes a new plan.</summary>
    /// <param name="name">The plan's name, shown in reports as the scenario.</param>
    /// <param name="branches">The branches; at least one, with unique labels.</param>
    /// <param name="aggregator">Joins the outcomes into one result.</param>
    /// <param name="failurePolicy">How failed branches are treated; <see langword="null"/> means <see cref="FailurePolicy.BestEffort"/>.</param>
    /// <param name="limits">Concurrency, per-branch timeout and deadline; <see langword="null"/> means the defaults of <see cref="RunLimits"/>.</param>
    /// <exception cref="ArgumentNullException">An argument or a branch is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">There are no branches, two branches share a label, or the quorum is larger than the branch count.</exception>
    public Plan(
        string name,
        IEnumerable<Branch> branches,
        IAggregator<TResult> aggregator,
        FailurePolicy? failurePolicy = null,
        RunLimits? limits = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(branches);
        ArgumentNullException.ThrowIfNull(aggregator);
        Branch[] copy = [.. branches];
        PlanValidation.CheckBranches(copy, nameof(branches));
        FailurePolicy policy = failurePolicy ?? FailurePolicy.BestEffort;
        if (policy.Kind == FailurePolicyKind.Quorum && policy.RequiredSuccesses > copy.Length)
        {
            throw new ArgumentException(
                $"The quorum needs {policy.RequiredSuccesses} successful branches but the plan has only {copy.Length}.",
                nameof(failurePolicy));
        }

        Name = name;
        Branches = copy;
        Aggregator = aggregator;
        FailurePolicy = policy;
        _limits = (limits ?? new RunLimits()).Copy();
    }

    /// <summary>Gets the plan's name.</summary>
    public string Name { get; }

    /// <summary>Gets the branches, in index order.</summary>
    public IReadOnlyList<Branch> Branches { get; }

    /// <summary>Gets the aggregator.</summary>
    public IAggregator<TResult> Aggregator { get; }

    /// <summary>Gets the failure policy.</summary>
    public FailurePolicy FailurePolicy { get; }

    /// <summary>Gets a copy of the limits; changing it does not change the plan.</summary>
    public RunLimits Limits => _limits.Copy();

    /// <summary>Gets the limits the runner reads; never handed out, so never changed.</summary>
    internal RunLimits LimitsSnapshot => _limits;
}
