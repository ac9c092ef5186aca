using System.Globalization;
using Microsoft.Extensions.AI;

namespace Chorus.Voting;

/// <summary>Ready-made vote weights for <see cref="VoteAggregatorOptions.Weight"/>: per model, per branch, or from a confidence signal the provider returns.</summary>
/// <remarks>Every weight function is thread-safe and never throws; the dictionaries are copied when the function is created.</remarks>
public static class VoteWeights
{
    /// <summary>
    /// The key in <see cref="ChatResponse.AdditionalProperties"/> under which a provider adapter puts the mean log-probability of
    /// the completion's tokens (a <see cref="double"/>, at most 0), read by <see cref="FromLogprobs"/>.
    /// </summary>
    public const string MeanLogprobKey = "chorus.mean_logprob";

    /// <summary>Weighs each vote by the model that answered it (<see cref="BranchOutcome.Model"/>, case-insensitive).</summary>
    /// <param name="weights">The weight of each model; each positive and finite.</param>
    /// <param name="otherwise">The weight of a model not listed, or of an unknown model; 0 makes such votes abstain.</param>
    /// <returns>The weight function.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="weights"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A weight is not positive and finite, or <paramref name="otherwise"/> is negative or not finite.</exception>
    public static Func<BranchOutcome, double> PerModel(IReadOnlyDictionary<string, double> weights, double otherwise = 1)
    {
        Dictionary<string, double> copy = Copy(weights, otherwise, nameof(weights));
        return outcome => outcome.Model is { } model && copy.TryGetValue(model, out double w) ? w : otherwise;
    }

    /// <summary>Weighs each vote by its branch's label (for example one label per prompt variant).</summary>
    /// <param name="weights">The weight of each label; each positive and finite.</param>
    /// <param name="otherwise">The weight of a label not listed; 0 makes such votes abstain.</param>
    /// <returns>The weight function.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="weights"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A weight is not positive and finite, or <paramref name="otherwise"/> is negative or not finite.</exception>
    public static Func<BranchOutcome, double> PerLabel(IReadOnlyDictionary<string, double> weights, double otherwise = 1)
    {
        Dictionary<string, double> copy = Copy(weights, otherwise, nameof(weights));
        return outcome => copy.TryGetValue(outcome.Label, out double w) ? w : otherwise;
    }

    /// <summary>Weighs each vote by a confidence signal read from its response.</summary>
    /// <param name="signal">Reads the confidence, for example from <see cref="ChatResponse.AdditionalProperties"/>; <see langword="null"/> when the response has none.</param>
    /// <param name="otherwise">The weight when the signal is missing or not positive and finite.</param>
    /// <returns>The weight function.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="signal"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="otherwise"/> is negative or not finite.</exception>
    public static Func<BranchOutcome, double> FromConfidence(Func<ChatResponse, double?> signal, double otherwise = 1)
    {
        ArgumentNullException.ThrowIfNull(signal);
        CheckOtherwise(otherwise);
        return outcome => outcome.Response is { } response && signal(response) is { } w && double.IsFinite(w) && w > 0 ? w : otherwise;
    }

    /// <summary>Weighs each vote by the probability the model gave its own completion: e raised to the mean token log-probability.</summary>
    /// <param name="otherwise">The weight when the provider returned no log-probabilities.</param>
    /// <returns>
    /// The weight function: a vote weighs exp(mean logprob), in (0, 1], read from <see cref="MeanLogprobKey"/> in the response's
    /// additional properties (a number, or text holding one); otherwise <paramref name="otherwise"/>.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="otherwise"/> is negative or not finite.</exception>
    public static Func<BranchOutcome, double> FromLogprobs(double otherwise = 1) => FromConfidence(MeanLogprobWeight, otherwise);

    private static double? MeanLogprobWeight(ChatResponse response)
    {
        if (response.AdditionalProperties?.TryGetValue(MeanLogprobKey, out object? value) != true)
        {
            return null;
        }

        double? logprob = value switch
        {
            double d => d,
            float f => f,
            decimal m => (double)m,
            string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) => parsed,
            _ => null,
        };
        return logprob is { } lp && double.IsFinite(lp) ? Math.Exp(Math.Min(0, lp)) : null;
    }

    private static Dictionary<string, double> Copy(IReadOnlyDictionary<string, double> weights, double otherwise, string paramName)
    {
        ArgumentNullException.ThrowIfNull(weights, paramName);
        CheckOtherwise(otherwise);
        var copy = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach ((string key, double weight) in weights)
        {
            if (!double.IsFinite(weight) || weight <= 0)
            {
                throw new ArgumentOutOfRangeException(paramName, weight, $"The weight of '{key}' must be positive and finite, was {weight}.");
            }

            copy[key] = weight;
        }

        return copy;
    }

    private static void CheckOtherwise(double otherwise)
    {
        if (!double.IsFinite(otherwise) || otherwise < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(otherwise), otherwise, $"The fallback weight must be zero or positive and finite, was {otherwise}.");
        }
    }
}
