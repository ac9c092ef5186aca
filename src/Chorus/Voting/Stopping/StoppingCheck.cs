namespace Chorus.Voting;

/// <summary>What a stopping rule says about a vote so far.</summary>
/// <param name="Stop"><see langword="true"/> to stop sampling now.</param>
/// <param name="Confidence">The rule's confidence in the current leader, in [0, 1]: a probability for the adaptive rule, the leader's share of the weight for the others.</param>
public readonly record struct StoppingCheck(bool Stop, double Confidence);
