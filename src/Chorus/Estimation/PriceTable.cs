using System.Collections.Frozen;

namespace Chorus.Estimation;

/// <summary>Prices per model, used to put a cost on a run. A model that is not in the table has an unknown cost, never zero.</summary>
/// <remarks>Immutable and thread-safe; the entries are copied when it is created. Model names match exactly, ignoring case.</remarks>
public sealed class PriceTable
{
    private readonly FrozenDictionary<string, ModelPrice> _prices;

    /// <summary>Initializes a table from model names and prices.</summary>
    /// <param name="prices">The price of each model.</param>
    /// <exception cref="ArgumentException">A model name is blank or a price is negative.</exception>
    public PriceTable(IEnumerable<KeyValuePair<string, ModelPrice>> prices)
    {
        ArgumentNullException.ThrowIfNull(prices);
        var copy = new Dictionary<string, ModelPrice>(StringComparer.OrdinalIgnoreCase);
        foreach ((string model, ModelPrice price) in prices)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(model, nameof(prices));
            if (price.InputPerMillion < 0 || price.OutputPerMillion < 0)
            {
                throw new ArgumentException($"The price of model '{model}' is negative ({price.InputPerMillion}/{price.OutputPerMillion} per million).", nameof(prices));
            }

            copy[model] = price;
        }

        _prices = copy.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Gets an empty table: every cost is unknown.</summary>
    public static PriceTable Empty { get; } = new([]);

    /// <summary>Gets the models in the table.</summary>
    public IEnumerable<string> Models => _prices.Keys;

    /// <summary>Looks up a model's price.</summary>
    /// <param name="model">The model name; <see langword="null"/> is never found.</param>
    /// <param name="price">The price when found.</param>
    /// <returns><see langword="true"/> when the table has a price for the model.</returns>
    public bool TryGetPrice(string? model, out ModelPrice price)
    {
        price = default;
        return model is not null && _prices.TryGetValue(model, out price);
    }

    /// <summary>Computes the cost of a call, or <see langword="null"/> when the model's price is unknown.</summary>
    /// <param name="model">The model name.</param>
    /// <param name="inputTokens">The input tokens.</param>
    /// <param name="outputTokens">The output tokens.</param>
    /// <returns>The cost, or <see langword="null"/> when unknown.</returns>
    public decimal? CostOf(string? model, long inputTokens, long outputTokens) =>
        TryGetPrice(model, out ModelPrice price) ? price.CostOf(inputTokens, outputTokens) : null;
}
