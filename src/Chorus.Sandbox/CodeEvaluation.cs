namespace Chorus.Sandbox;

/// <summary>The outcome of testing one candidate: its status and every run, with the median runtime when it passed.</summary>
/// <param name="Status">How the candidate fared: <see cref="SandboxStatus.Passed"/> only when every run passed, otherwise the first failure.</param>
/// <param name="Runs">Every run, in order; empty when nothing ran (no code, build failed).</param>
/// <param name="MedianRuntime">The median wall time of the runs when all passed; <see langword="null"/> otherwise.</param>
/// <param name="Detail">One line on the outcome, for reports.</param>
/// <param name="NetworkIsolated">Whether the runs were isolated by bubblewrap (own namespaces, no network).</param>
/// <param name="BuildDuration">How long the C# build took; <see langword="null"/> for Python.</param>
public sealed record CodeEvaluation(
    SandboxStatus Status,
    IReadOnlyList<SandboxRun> Runs,
    TimeSpan? MedianRuntime,
    string Detail,
    bool NetworkIsolated,
    TimeSpan? BuildDuration = null)
{
    /// <summary>Gets a value indicating whether every run passed.</summary>
    public bool Passed => Status == SandboxStatus.Passed;
}
