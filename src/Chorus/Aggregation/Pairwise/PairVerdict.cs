namespace Chorus.Aggregation;

/// <summary>The panel's combined preference on one pair of candidates.</summary>
/// <param name="FirstLabel">The label of the pair's first candidate (earlier in branch order).</param>
/// <param name="SecondLabel">The label of the pair's second candidate.</param>
/// <param name="Preference">The side with more judge weight; <see cref="PairwisePreference.Tie"/> when equal.</param>
/// <param name="FirstWeight">The weight of the judges who preferred the first candidate.</param>
/// <param name="SecondWeight">The weight of the judges who preferred the second candidate.</param>
/// <param name="TieWeight">The weight of the judges whose preference was a tie.</param>
public sealed record PairVerdict(string FirstLabel, string SecondLabel, PairwisePreference Preference, double FirstWeight, double SecondWeight, double TieWeight);
