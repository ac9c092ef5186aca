namespace Chorus.Aggregation;

/// <summary>The typed sections merged by field, with every conflict listed and where each field came from.</summary>
/// <typeparam name="T">The merged type.</typeparam>
/// <param name="Value">The merged object.</param>
/// <param name="Json">The merged object as JSON (what was deserialized into <paramref name="Value"/>).</param>
/// <param name="Conflicts">Every field two sections set differently; empty when they agreed.</param>
/// <param name="Sources">For every field path that was set, the label of the section it came from.</param>
/// <param name="Unusable">Sections that failed or returned no readable object, with why, as <c>label: reason</c>.</param>
/// <param name="Text">The synthesizer's final text; <see langword="null"/> when there is no synthesizer.</param>
public sealed record MergeResult<T>(
    T Value,
    string Json,
    IReadOnlyList<MergeConflict> Conflicts,
    IReadOnlyDictionary<string, string> Sources,
    IReadOnlyList<string> Unusable,
    string? Text);
