using Chorus.Cli.Connection;
using Chorus.Estimation;

namespace Chorus.Cli.Runs;

/// <summary>Puts together the prices of a run: <c>chorus.yaml</c>, then the recipe's own, and the made-up demo price for simulated models.</summary>
internal static class PriceList
{
    public static PriceTable For(ModelConnection connection, IReadOnlyDictionary<string, ModelPrice> configured, Recipe recipe)
    {
        var prices = new Dictionary<string, ModelPrice>(configured, StringComparer.OrdinalIgnoreCase);
        foreach ((string model, ModelPrice price) in recipe.Prices)
        {
            prices[model] = price;
        }

        if (connection.IsSimulated)
        {
            // The simulator answers to any model name; give each the demo price so the report shows how cost adds up.
            foreach (string model in recipe.Models.Append(connection.Model))
            {
                prices.TryAdd(model, ModelConnection.SimulatedPrice);
            }
        }

        return new PriceTable(prices);
    }
}
