namespace Chorus.Voting;

/// <summary>The built-in stopping rules for <see cref="VoteAggregatorOptions.StoppingRule"/>.</summary>
/// <remarks>Every rule is stateless and can be shared by any number of votes at once.</remarks>
public static class StoppingRules
{
    /// <summary>Stops after a fixed number of samples (self-consistency at N).</summary>
    /// <param name="samples">The number of samples; positive. A vote whose <see cref="VoteOptions.MaxSamples"/> is smaller stops there.</param>
    /// <returns>A rule named <c>fixed(N)</c>; its confidence is the leader's share of the weight.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="samples"/> is not positive.</exception>
    public static IStoppingRule Fixed(int samples)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samples);
        return new FixedSamplesRule(samples);
    }

    /// <summary>Stops as soon as the leader's lead exceeds the samples still to come, so the answer of all N samples is known.</summary>
    /// <returns>A rule named <c>cannot-be-overtaken</c>; it never changes the winner of a full vote of unweighted samples. Its confidence is the leader's share.</returns>
    public static IStoppingRule CannotBeOvertaken() => new CannotBeOvertakenRule();

    /// <summary>Early-Stopping Self-Consistency: stops when every sample in a window of <paramref name="size"/> gives the same answer.</summary>
    /// <param name="size">The window size; at least 2. The paper's default is 5.</param>
    /// <param name="sliding"><see langword="false"/> (the paper's rule) checks consecutive windows (samples 1–5, 6–10, …); <see langword="true"/> checks the latest <paramref name="size"/> samples after each one.</param>
    /// <returns>A rule named <c>window(w)</c> or <c>sliding-window(w)</c>; its confidence is the leader's share.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is less than 2.</exception>
    public static IStoppingRule Window(int size = 5, bool sliding = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 2);
        return new WindowRule(size, sliding);
    }

    /// <summary>Adaptive-Consistency: stops when the posterior probability that the leader is the majority answer reaches <paramref name="threshold"/>.</summary>
    /// <param name="threshold">The probability to reach, in (0.5, 1); the paper's default is 0.95.</param>
    /// <param name="model">The posterior: <see cref="AdaptiveModel.Beta"/> (leader against runner-up, the paper's recommendation) or the stricter <see cref="AdaptiveModel.Dirichlet"/>.</param>
    /// <returns>
    /// A rule named <c>adaptive-beta(t)</c> or <c>adaptive-dirichlet(t)</c>; its confidence is that probability. With unweighted
    /// votes and t = 0.95 it stops at the earliest after 4 agreeing samples (1 − 0.5⁵ = 0.969).
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> is not in (0.5, 1) or <paramref name="model"/> is not defined.</exception>
    public static IStoppingRule Adaptive(double threshold = 0.95, AdaptiveModel model = AdaptiveModel.Beta)
    {
        if (!(threshold > 0.5 && threshold < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, $"The threshold must be between 0.5 and 1 (exclusive), was {threshold}.");
        }

        if (!Enum.IsDefined(model))
        {
            throw new ArgumentOutOfRangeException(nameof(model), model, $"The model must be a defined {nameof(AdaptiveModel)}, was {model}.");
        }

        return new AdaptiveConsistencyRule(threshold, model);
    }

    /// <summary>Stops as soon as any of the rules says so.</summary>
    /// <param name="rules">The rules; at least one.</param>
    /// <returns>A rule named <c>any(a, b)</c>; its confidence is the firing rule's, else the first rule's.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> or one of them is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="rules"/> is empty.</exception>
    public static IStoppingRule Any(params IStoppingRule[] rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        IStoppingRule[] copy = [.. rules];
        if (copy.Length == 0)
        {
            throw new ArgumentException("Any needs at least one rule; got 0.", nameof(rules));
        }

        for (int i = 0; i < copy.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(copy[i], $"{nameof(rules)}[{i}]");
        }

        return new AnyRule(copy);
    }
}
