namespace Chorus.Aggregation;

/// <summary>A score for one candidate: one juror's score, or the jury's combined score.</summary>
/// <param name="CandidateLabel">The candidate's branch label.</param>
/// <param name="CandidateId">The id the candidate was shown under, for example <c>A</c>.</param>
/// <param name="Score">The score: 1–10 from a juror; combined as <see cref="JuryOptions.Combine"/> says.</param>
/// <param name="Reason">The juror's reason; for a combined score, how it was combined.</param>
public sealed record CandidateScore(string CandidateLabel, string CandidateId, double Score, string? Reason);
