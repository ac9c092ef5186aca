namespace Chorus.Estimation;

/// <summary>What a model costs per million input and output tokens.</summary>
/// <param name="InputPerMillion">The price of one million input (prompt) tokens.</param>
/// <param name="OutputPerMillion">The price of one million output (completion) tokens.</param>
public readonly record struct ModelPrice(decimal InputPerMillion, decimal OutputPerMillion)
{
    /// <summary>Computes the cost of a call.</summary>
    /// <param name="inputTokens">The input tokens.</param>
    /// <param name="outputTokens">The output tokens.</param>
    /// <returns>The cost, in the price table's currency.</returns>
    public decimal CostOf(long inputTokens, long outputTokens) =>
        ((inputTokens * InputPerMillion) + (outputTokens * OutputPerMillion)) / 1_000_000m;
}
