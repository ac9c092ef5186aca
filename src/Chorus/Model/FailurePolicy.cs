namespace Chorus;

/// <summary>Declares how a <see cref="Plan{TResult}"/> treats failed branches.</summary>
/// <remarks>
/// Whatever the policy, no failed branch is dropped: every branch has an outcome in the result and the report,
/// with its error. Per-branch fallback is declared on the branch (<see cref="Branch.WithFallback"/>) and is tried
/// before the policy sees a failure.
/// </remarks>
public sealed class FailurePolicy
{
    private FailurePolicy(FailurePolicyKind kind, int requiredSuccesses)
    {
        Kind = kind;
        RequiredSuccesses = requiredSuccesses;
    }

    /// <summary>Gets a policy where the first failure cancels the other branches and fails the run.</summary>
    public static FailurePolicy FailFast { get; } = new(FailurePolicyKind.FailFast, 0);

    /// <summary>Gets a policy where failures are abstentions and the aggregator decides with what succeeded.</summary>
    public static FailurePolicy BestEffort { get; } = new(FailurePolicyKind.BestEffort, 1);

    /// <summary>Gets the kind of policy.</summary>
    public FailurePolicyKind Kind { get; }

    /// <summary>Gets how many branches must succeed: the quorum, 1 for best effort, 0 for fail fast (all must).</summary>
    public int RequiredSuccesses { get; }

    /// <summary>Creates a policy that needs at least <paramref name="requiredSuccesses"/> successful branches.</summary>
    /// <param name="requiredSuccesses">The quorum; positive, and at most the plan's branch count (checked by the plan).</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="requiredSuccesses"/> is not positive.</exception>
    /// <remarks>A run stops early, cancelling what is left, as soon as so many branches have failed that the quorum is out of reach.</remarks>
    public static FailurePolicy Quorum(int requiredSuccesses)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requiredSuccesses);
        return new FailurePolicy(FailurePolicyKind.Quorum, requiredSuccesses);
    }

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        FailurePolicyKind.Quorum => $"quorum({RequiredSuccesses})",
        FailurePolicyKind.FailFast => "fail-fast",
        _ => "best-effort",
    };
}
