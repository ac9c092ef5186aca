namespace Chorus.Sandbox;

/// <summary>One candidate of a best-of-N code run: its code, how its tests went, its review and its rank.</summary>
/// <param name="Label">The candidate's branch label.</param>
/// <param name="BranchIndex">The candidate's branch index.</param>
/// <param name="Code">The code extracted from the reply; <see langword="null"/> when none was found.</param>
/// <param name="Evaluation">How its tests went in the sandbox.</param>
/// <param name="ReviewScore">The reviewer's 1–10 score; <see langword="null"/> when there was no review of it.</param>
/// <param name="ReviewReason">The reviewer's reason; <see langword="null"/> when there was no review of it.</param>
/// <param name="Rank">Its place in the ranking, from 1.</param>
public sealed record CodeCandidateResult(string Label, int BranchIndex, string? Code, CodeEvaluation Evaluation, double? ReviewScore, string? ReviewReason, int Rank);
