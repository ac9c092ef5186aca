namespace Chorus;

/// <summary>The joined value of a run and the decision that explains it.</summary>
/// <typeparam name="TResult">The type of the joined value.</typeparam>
/// <param name="Value">The joined value.</param>
/// <param name="Decision">What the aggregator decided and on what evidence.</param>
public sealed record AggregationResult<TResult>(TResult Value, AggregationDecision Decision);
