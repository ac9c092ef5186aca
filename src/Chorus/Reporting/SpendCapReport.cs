namespace Chorus.Reporting;

/// <summary>The run's spend cap and what it kept from starting.</summary>
/// <param name="MaxTokens">The token cap, if any.</param>
/// <param name="MaxCost">The cost cap, if any.</param>
/// <param name="Skipped">The labels of the branches not started because they could have crossed the cap, in the order they were refused.</param>
public sealed record SpendCapReport(long? MaxTokens, decimal? MaxCost, IReadOnlyList<string> Skipped);
