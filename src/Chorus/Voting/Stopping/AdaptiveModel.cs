namespace Chorus.Voting;

/// <summary>The posterior the adaptive stopping rule uses to judge whether the leader is the true majority answer.</summary>
public enum AdaptiveModel
{
    /// <summary>The leader against the runner-up only: P(p₁ &gt; p₂) with (p₁, p₂) ~ Beta(v₁ + 1, v₂ + 1), as Adaptive-Consistency recommends.</summary>
    Beta,

    /// <summary>The leader against every other answer: a lower bound on P(p₁ is the largest) under Dirichlet(v + 1), by the union bound over pairs; stricter than <see cref="Beta"/>.</summary>
    Dirichlet,
}
