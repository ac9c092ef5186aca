namespace Chorus.Aggregation;

/// <summary>What one juror said, or why it abstained.</summary>
/// <param name="Juror">The juror's label.</param>
/// <param name="Aspect">The aspect it scored.</param>
/// <param name="Weight">Its weight.</param>
/// <param name="Scores">Its score for every candidate, in the order shown; empty when it abstained.</param>
/// <param name="Error">Why it abstained (its branch failed, or its output could not be read); <see langword="null"/> when it did not.</param>
/// <param name="RawOutput">The juror's raw text, when there was any.</param>
public sealed record JurorVerdict(string Juror, string Aspect, double Weight, IReadOnlyList<CandidateScore> Scores, string? Error, string? RawOutput)
{
    /// <summary>Gets a value indicating whether the juror abstained; an abstention is shown, never counted.</summary>
    public bool Abstained => Error is not null;
}
