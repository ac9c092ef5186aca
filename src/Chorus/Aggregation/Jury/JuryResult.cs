namespace Chorus;

/// <summary>What a jury decided.</summary>
/// <param name="WinnerLabel">The label of the winning candidate's branch.</param>
/// <param name="WinnerText">The winning candidate's text.</param>
/// <param name="Score">The winner's combined score (1–10 for mean and median; a weight share in [0, 1] for majority).</param>
/// <param name="Standings">Every candidate's combined score, best first.</param>
/// <param name="Verdicts">Every juror's verdict, abstentions included, in juror order.</param>
public sealed record JuryResult(
    string WinnerLabel,
    string WinnerText,
    double Score,
    IReadOnlyList<CandidateScore> Standings,
    IReadOnlyList<JurorVerdict> Verdicts);
