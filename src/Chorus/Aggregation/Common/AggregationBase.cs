using System.Diagnostics;

namespace Chorus.Aggregation;

/// <summary>The bookkeeping every aggregation shares: one outcome per branch index, nothing after completion.</summary>
/// <typeparam name="TResult">The type of the joined result.</typeparam>
/// <remarks>Not thread-safe: the runner calls <see cref="Add"/> and then <see cref="CompleteAsync"/> from one thread at a time.</remarks>
public abstract class AggregationBase<TResult> : IAggregation<TResult>
{
    private readonly BranchOutcome?[] _outcomes;
    private bool _completed;

    /// <summary>Initializes the bookkeeping for a run of <paramref name="branchCount"/> branches.</summary>
    /// <param name="branchCount">The run's branches; not negative.</param>
    protected AggregationBase(int branchCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(branchCount);
        _outcomes = new BranchOutcome?[branchCount];
    }

    /// <summary>Gets the number of branches the run was started with.</summary>
    protected int BranchCount => _outcomes.Length;

    /// <summary>Gets how many outcomes were added.</summary>
    protected int AddedCount { get; private set; }

    /// <summary>Gets how many branches have not reported yet.</summary>
    protected int Remaining => _outcomes.Length - AddedCount;

    /// <inheritdoc/>
    /// <remarks>Rejects an outcome after completion, an index outside the run and a second outcome for one index; then calls <see cref="OnAdded"/>.</remarks>
    public bool Add(BranchOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (_completed)
        {
            throw new InvalidOperationException(
                $"Cannot add the outcome of branch {outcome.Index} ('{outcome.Label}'): the aggregation was already completed.");
        }

        if ((uint)outcome.Index >= (uint)_outcomes.Length)
        {
            throw new ArgumentOutOfRangeException(
                nameof(outcome),
                outcome.Index,
                $"Branch index {outcome.Index} ('{outcome.Label}') is outside the run's {_outcomes.Length} branches.");
        }

        if (_outcomes[outcome.Index] is { } previous)
        {
            throw new InvalidOperationException(
                $"The outcome of branch {outcome.Index} was already added ('{previous.Label}'); an outcome is never counted twice.");
        }

        _outcomes[outcome.Index] = outcome;
        AddedCount++;
        Debug.Assert(AddedCount <= _outcomes.Length, "More outcomes than branches.");
        return OnAdded(outcome);
    }

    /// <inheritdoc/>
    public Task<AggregationResult<TResult>> CompleteAsync(AggregationContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_completed)
        {
            throw new InvalidOperationException("The aggregation was already completed; call Begin for a new run.");
        }

        _completed = true;
        try
        {
            return CompleteCoreAsync(context, cancellationToken);
        }
        catch (Exception ex)
        {
            // Counting aggregations complete synchronously; report their failures through the task like the async ones.
            return Task.FromException<AggregationResult<TResult>>(ex);
        }
    }

    /// <summary>Takes one outcome that passed the checks.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <returns><see langword="true"/> when the answer is settled.</returns>
    protected virtual bool OnAdded(BranchOutcome outcome) => false;

    /// <summary>Produces the result once.</summary>
    /// <param name="context">The run's context.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The result.</returns>
    protected abstract Task<AggregationResult<TResult>> CompleteCoreAsync(AggregationContext context, CancellationToken cancellationToken);

    /// <summary>Gets the added outcome of a branch, or <see langword="null"/> when it was not added.</summary>
    /// <param name="index">The branch index.</param>
    /// <returns>The outcome, if added.</returns>
    protected BranchOutcome? GetAdded(int index) => _outcomes[index];

    /// <summary>Lists the added outcomes in branch order, whatever order they were added in.</summary>
    /// <returns>The added outcomes.</returns>
    protected List<BranchOutcome> AddedInBranchOrder()
    {
        var list = new List<BranchOutcome>(AddedCount);
        foreach (BranchOutcome? outcome in _outcomes)
        {
            if (outcome is not null)
            {
                list.Add(outcome);
            }
        }

        return list;
    }

    /// <summary>Says why no branch succeeded, as <c>3 failed, 1 timed out</c>, for an <see cref="AggregationException"/> message.</summary>
    /// <returns>The reason, without a final period.</returns>
    protected string DescribeNoSuccess() =>
        BranchCount == 0 ? "the run had no branches"
        : AddedCount == 0 ? "no outcome was reported"
        : string.Join(", ", AggregationText.CountByStatus(AddedInBranchOrder().Where(o => !o.Succeeded)));

    /// <summary>Adds one evidence entry per added branch that did not succeed: <c>abstained/label</c> → 0, with the error.</summary>
    /// <param name="evidence">The list to add to.</param>
    protected void AddAbstentionEvidence(List<DecisionEvidence> evidence)
    {
        foreach (BranchOutcome outcome in AddedInBranchOrder())
        {
            if (!outcome.Succeeded)
            {
                evidence.Add(new DecisionEvidence("abstained/" + outcome.Label, 0, AggregationText.DescribeFailure(outcome)));
            }
        }
    }

    /// <summary>Lists the successful outcomes in branch order.</summary>
    /// <returns>The outcomes that succeeded.</returns>
    protected List<BranchOutcome> SucceededInBranchOrder() => [.. AddedInBranchOrder().Where(o => o.Succeeded)];

    /// <summary>Names the branches that were never added (the run settled early or stopped), using the context's outcomes for labels.</summary>
    /// <param name="context">The run's context.</param>
    /// <returns>The labels of branches without an added outcome, in branch order.</returns>
    protected List<string> NotAddedLabels(AggregationContext context)
    {
        var labels = new List<string>();
        for (int i = 0; i < _outcomes.Length; i++)
        {
            if (_outcomes[i] is null)
            {
                labels.Add(AggregationText.LabelOf(context, i));
            }
        }

        return labels;
    }
}
