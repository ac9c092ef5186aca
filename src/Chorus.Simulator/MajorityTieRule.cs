


namespace Chorus.Simulator;

/// <summary>How <see cref="SimulatedAccuracy.Majority"/> counts a tie for the most votes between the correct answer and wrong ones.</summary>
public enum MajorityTieRule
{
    /// <summary>The tie is broken uniformly at random: a tie between the correct answer and k wrong ones counts 1 / (k + 1).</summary>
    Split,

    /// <summary>A tie counts as wrong.</summary>
    Lose,
}
