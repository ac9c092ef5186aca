namespace Chorus.Aggregation;

/// <summary>What a pairwise panel decided.</summary>
/// <param name="WinnerLabel">The label of the winning candidate's branch.</param>
/// <param name="WinnerText">The winning candidate's text.</param>
/// <param name="Standings">Every candidate's pairwise score (1 per pair won, ½ per tie), best first.</param>
/// <param name="Pairs">The panel's preference on every pair, in pair order.</param>
/// <param name="Judgments">Every judge's judgment on every pair, abstentions included.</param>
/// <param name="Agreement">How much the judges agreed (categories first, second, tie).</param>
public sealed record PairwiseResult(
    string WinnerLabel,
    string WinnerText,
    IReadOnlyList<CandidateScore> Standings,
    IReadOnlyList<PairVerdict> Pairs,
    IReadOnlyList<PairwiseJudgment> Judgments,
    AgreementStatistics Agreement);
