namespace Chorus.Aggregation;

/// <summary>What a judge decided.</summary>
/// <param name="Text">The chosen candidate's text (<see cref="JudgeMode.Pick"/>) or the judge's own answer (<see cref="JudgeMode.Synthesize"/>).</param>
/// <param name="ChosenLabel">The label of the chosen branch; <see langword="null"/> for a synthesis.</param>
/// <param name="Reason">The judge's reason for its choice, if it gave one; <see langword="null"/> for a synthesis.</param>
public sealed record JudgeResult(string Text, string? ChosenLabel, string? Reason);
