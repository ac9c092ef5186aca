using System.Globalization;

namespace Chorus.Voting;

/// <summary>Adaptive-Consistency (Aggarwal et al. 2023): stop when the posterior probability that the leader is the majority answer reaches a threshold.</summary>
/// <remarks>
/// With vote weights v (counts when unweighted) and a uniform prior, the leader's share beats the runner-up's with
/// probability 1 − I₀.₅(v₁ + 1, v₂ + 1), where I is the regularized incomplete beta function. The Dirichlet model
/// subtracts that miss probability for every other answer (a union bound), so it never overstates the confidence.
/// </remarks>
internal sealed class AdaptiveConsistencyRule(double threshold, AdaptiveModel model) : IStoppingRule
{
    public string Name { get; } = (model == AdaptiveModel.Beta ? "adaptive-beta(" : "adaptive-dirichlet(")
        + threshold.ToString("0.###", CultureInfo.InvariantCulture) + ")";

    public StoppingCheck Check(VoteSnapshot snapshot)
    {
        if (snapshot.Answers.Count == 0)
        {
            return new StoppingCheck(false, 0);
        }

        double confidence = Confidence(snapshot.Answers, model);
        return new StoppingCheck(confidence >= threshold, confidence);
    }

    /// <summary>The probability that the first answer is the majority under the model.</summary>
    internal static double Confidence(IReadOnlyList<AnswerCount> answers, AdaptiveModel model)
    {
        double leader = answers[0].Weight + 1;
        if (model == AdaptiveModel.Beta)
        {
            double runnerUp = answers.Count > 1 ? answers[1].Weight + 1 : 1;
            return 1 - BetaMath.RegularizedIncompleteBeta(0.5, leader, runnerUp);
        }

        double miss = answers.Count > 1 ? 0 : BetaMath.RegularizedIncompleteBeta(0.5, leader, 1);
        for (int i = 1; i < answers.Count; i++)
        {
            miss += BetaMath.RegularizedIncompleteBeta(0.5, leader, answers[i].Weight + 1);
        }

        return Math.Clamp(1 - miss, 0, 1);
    }
}
