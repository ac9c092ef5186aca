namespace Chorus;

/// <summary>One number behind an aggregation decision.</summary>
/// <param name="Key">What is measured, for example an answer (<c>391</c>) or a juror and aspect (<c>juror-1/accuracy</c>).</param>
/// <param name="Value">The number: a vote count, a score, a margin.</param>
/// <param name="Detail">Optional detail, for example which branches voted for the answer or the judge's reason.</param>
public sealed record DecisionEvidence(string Key, double Value, string? Detail = null);
