namespace Chorus.Sandbox;

/// <summary>The outcome of running one candidate's tests once.</summary>
/// <param name="Status">How the run ended.</param>
/// <param name="ExitCode">The process's exit code; <see langword="null"/> when it was killed by the sandbox or never ran.</param>
/// <param name="Duration">The wall time from process start to exit, as measured by the sandbox's clock.</param>
/// <param name="Output">Standard output, cut at the output limit.</param>
/// <param name="Errors">Standard error, cut at the output limit.</param>
/// <param name="Detail">One line on why the run ended this way, for reports.</param>
/// <param name="NetworkIsolated">Whether the process ran isolated by bubblewrap (own namespaces, no network); <see langword="false"/> for an allowed unsandboxed run.</param>
public sealed record SandboxRun(SandboxStatus Status, int? ExitCode, TimeSpan Duration, string Output, string Errors, string Detail, bool NetworkIsolated)
{
    /// <summary>Gets a value indicating whether the tests passed.</summary>
    public bool Passed => Status == SandboxStatus.Passed;
}
