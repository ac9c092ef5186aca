namespace Chorus.Aggregation;

/// <summary>One aspect of a rubric: its name and what a good answer looks like on it.</summary>
/// <param name="Name">The aspect's name, for example <c>accuracy</c>; shown to jurors as <c>{aspect}</c> and part of their labels.</param>
/// <param name="Criteria">What the juror checks, shown as <c>{criteria}</c>.</param>
public sealed record RubricAspect(string Name, string Criteria)
{
    /// <summary>Gets the factual accuracy aspect.</summary>
    public static RubricAspect Accuracy { get; } = new("accuracy", "Every claim and result is correct and the task is actually answered; a confident wrong answer scores lowest.");

    /// <summary>Gets the logical consistency aspect.</summary>
    public static RubricAspect LogicalConsistency { get; } = new("logic", "Each step follows from the previous ones, nothing contradicts itself, and the conclusion follows from the reasoning.");

    /// <summary>Gets the tone and style aspect.</summary>
    public static RubricAspect ToneAndStyle { get; } = new("tone", "Clear, concise and well organized, in a tone that suits the task; no filler, no condescension.");

    /// <summary>Gets the default rubric: <see cref="Accuracy"/>, <see cref="LogicalConsistency"/> and <see cref="ToneAndStyle"/>.</summary>
    public static IReadOnlyList<RubricAspect> Default { get; } = [Accuracy, LogicalConsistency, ToneAndStyle];
}
