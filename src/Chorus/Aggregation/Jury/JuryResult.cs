namespace Chorus.Aggregation;

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
    IReadOnlyList<JurorVerdict> Verdicts)
{
    /// <summary>Gets how much the counted jurors agreed on the candidates' scores (all aspects together).</summary>
    /// <value>Undefined statistics (fewer than 2 jurors counted, or no variation) are <see cref="double.NaN"/>.</value>
    public AgreementStatistics Agreement { get; init; } = new(double.NaN, double.NaN, 0, 0);
}
