namespace Chorus.Voting;

/// <summary>How often one voter's samples matched the gold answer, over the votes recorded in a <see cref="VoterScoreboard"/>.</summary>
/// <param name="Voter">The voter: a panel member's label, or a model.</param>
/// <param name="Samples">The voter's counted samples.</param>
/// <param name="Correct">The samples whose answer matched the gold answer.</param>
/// <param name="Abstained">The samples that gave no answer.</param>
public sealed record VoterAccuracy(string Voter, int Samples, int Correct, int Abstained)
{
    /// <summary>Gets the share of the voter's samples that were correct (abstentions count as wrong); 0 with no samples.</summary>
    public double Accuracy => Samples == 0 ? 0 : (double)Correct / Samples;
}
