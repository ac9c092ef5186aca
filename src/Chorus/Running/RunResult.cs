using Chorus.Reporting;

namespace Chorus;

/// <summary>The result of a run: the joined value, the decision, every outcome and the report.</summary>
/// <typeparam name="TResult">The type of the joined value.</typeparam>
/// <param name="Value">The joined value.</param>
/// <param name="Decision">What the aggregator decided and why.</param>
/// <param name="Outcomes">Every branch's outcome, main stage first, in branch order.</param>
/// <param name="Report">The account of the run.</param>
public sealed record RunResult<TResult>(TResult Value, AggregationDecision Decision, IReadOnlyList<BranchOutcome> Outcomes, RunReport Report);
