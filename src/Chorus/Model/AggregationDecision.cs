namespace Chorus;

/// <summary>What an aggregator decided, with the evidence, as shown in the run report.</summary>
/// <param name="Strategy">The aggregator's name, for example <c>majority</c>.</param>
/// <param name="Summary">One line a person can read, for example <c>"391" won 5 of 7 votes</c>.</param>
/// <param name="Winner">The label of the winning branch or the winning answer, when there is one.</param>
/// <param name="Confidence">The strength of the decision in [0, 1] (for example the winner's share of the votes), when it has one.</param>
/// <param name="Evidence">The numbers behind the decision: vote counts, scores, conflicts.</param>
public sealed record AggregationDecision(
    string Strategy,
    string Summary,
    string? Winner = null,
    double? Confidence = null,
    IReadOnlyList<DecisionEvidence>? Evidence = null)
{
    /// <summary>Gets the evidence, never <see langword="null"/>.</summary>
    public IReadOnlyList<DecisionEvidence> Evidence { get; init; } = Evidence ?? [];
}
