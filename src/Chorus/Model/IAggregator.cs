namespace Chorus;

/// <summary>Joins the outcomes of a plan's branches into one result.</summary>
/// <typeparam name="TResult">The type of the joined result.</typeparam>
/// <remarks>
/// An aggregator is configuration and must be safe to share: each run calls <see cref="Begin"/> for a fresh
/// <see cref="IAggregation{TResult}"/> that holds that run's state.
/// </remarks>
public interface IAggregator<TResult>
{
    /// <summary>Gets the strategy's name as shown in reports, for example <c>majority</c>.</summary>
    string Name { get; }

    /// <summary>Starts aggregating one run.</summary>
    /// <param name="branchCount">The number of branches the run will produce outcomes for.</param>
    /// <returns>The state of this run's aggregation.</returns>
    IAggregation<TResult> Begin(int branchCount);
}
