namespace Chorus.Aggregation;

/// <summary>One judge's view of one pair of candidates: its verdict in each order shown and the preference they add up to.</summary>
/// <param name="Judge">The judge's label.</param>
/// <param name="FirstLabel">The label of the pair's first candidate (earlier in branch order).</param>
/// <param name="SecondLabel">The label of the pair's second candidate.</param>
/// <param name="Preference">
/// The judge's preference: both orders agreeing give that preference; disagreeing orders give <see cref="PairwisePreference.Tie"/>
/// (position bias); <see langword="null"/> when the judge abstained.
/// </param>
/// <param name="InOrder">Its verdict with the first candidate shown first; <see langword="null"/> when that call failed or was unreadable.</param>
/// <param name="Swapped">Its verdict with the second candidate shown first (mapped back to the pair); <see langword="null"/> when not asked, failed or unreadable.</param>
/// <param name="Error">Why the judge abstained on this pair; <see langword="null"/> when it did not.</param>
/// <param name="Reason">The judge's reason (from the first readable order).</param>
public sealed record PairwiseJudgment(
    string Judge,
    string FirstLabel,
    string SecondLabel,
    PairwisePreference? Preference,
    PairwisePreference? InOrder,
    PairwisePreference? Swapped,
    string? Error,
    string? Reason)
{
    /// <summary>Gets a value indicating whether the judge abstained on this pair (shown, never counted).</summary>
    public bool Abstained => Preference is null;

    /// <summary>Gets a value indicating whether the judge's two orders disagreed, so its preference became a tie.</summary>
    public bool PositionFlip => InOrder is { } a && Swapped is { } b && a != b;
}
