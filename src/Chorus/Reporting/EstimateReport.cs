using Chorus.Estimation;

namespace Chorus.Reporting;

/// <summary>The run's pre-flight estimate beside what it actually took (see <see cref="PlanEstimator"/>).</summary>
/// <param name="Calls">The calls estimated: the plan's branches and the follow-ups the aggregator declared (judges, jurors).</param>
/// <param name="InputTokens">The estimated input tokens.</param>
/// <param name="OutputTokens">The estimated output tokens.</param>
/// <param name="TotalTokens">The estimated total tokens.</param>
/// <param name="Cost">The estimated cost, or <see langword="null"/> when a model has no price.</param>
/// <param name="ActualTokens">What the run's calls took: tokens spent plus tokens a replay saved, so a resumed run compares like for like.</param>
/// <param name="Error">(<paramref name="TotalTokens"/> − <paramref name="ActualTokens"/>) / <paramref name="ActualTokens"/>: positive when the estimate was high;
/// <see langword="null"/> when nothing was spent.</param>
public sealed record EstimateReport(int Calls, long InputTokens, long OutputTokens, long TotalTokens, decimal? Cost, long ActualTokens, double? Error);
