namespace Chorus;

/// <summary>The state of one run's aggregation: fed outcomes one at a time, then completed once.</summary>
/// <typeparam name="TResult">The type of the joined result.</typeparam>
/// <remarks>
/// The runner calls <see cref="Add"/> from one thread at a time, in completion order, with every outcome of the main
/// stage (failures, timeouts and cancellations included) until <see cref="Add"/> returns <see langword="true"/>;
/// then it cancels what is still running and calls <see cref="CompleteAsync"/> once.
/// <see cref="Add"/> is pure and synchronous; model-backed joins run their calls in <see cref="CompleteAsync"/>
/// through <see cref="AggregationContext.RunStageAsync"/>, so they get the run's limits and accounting.
/// </remarks>
public interface IAggregation<TResult>
{
    /// <summary>Takes one outcome.</summary>
    /// <param name="outcome">The outcome of one branch.</param>
    /// <returns><see langword="true"/> when the answer is settled and the remaining branches can be cancelled.</returns>
    /// <exception cref="InvalidOperationException">The outcome's branch was already added, or the aggregation was completed.</exception>
    bool Add(BranchOutcome outcome);

    /// <summary>Produces the result from the outcomes added so far.</summary>
    /// <param name="context">The run's context: every main-stage outcome in branch order, and a way to run a second stage.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The joined value and the decision that explains it.</returns>
    /// <exception cref="AggregationException">No result can be produced: no votes, or a judge's output could not be parsed.</exception>
    Task<AggregationResult<TResult>> CompleteAsync(AggregationContext context, CancellationToken cancellationToken = default);
}
