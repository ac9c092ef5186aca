namespace Chorus.Sandbox;

/// <summary>One process to run in the sandbox: the command, where, with what environment, and its limits.</summary>
/// <param name="FileName">The command, as seen inside the sandbox.</param>
/// <param name="Arguments">Its arguments.</param>
/// <param name="WorkingDirectory">The run's throwaway directory: its working directory and, when isolated, the only writable place.</param>
/// <param name="Environment">The whole environment of the command; nothing else is passed.</param>
/// <param name="AddressSpaceKb">The address-space limit (<c>ulimit -v</c>), or <see langword="null"/> for none.</param>
/// <param name="FileSizeKb">The file-size limit (<c>ulimit -f</c>).</param>
/// <param name="CpuSeconds">The CPU-time limit (<c>ulimit -t</c>), or <see langword="null"/> for none.</param>
/// <param name="MaxProcesses">The most processes and threads at once (cgroup <c>pids.max</c>, else <c>ulimit -u</c> inside the user namespace).</param>
/// <param name="ReadOnlyPaths">Directories outside <c>/usr</c> the command needs, bound read-only (for example a pyenv interpreter).</param>
/// <param name="Timeout">The wall-time limit.</param>
/// <param name="MaxOutputBytes">The most bytes of standard output and error together; past it the run is killed.</param>
internal sealed record ProcessSpec(
    string FileName,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment,
    long? AddressSpaceKb,
    long FileSizeKb,
    int? CpuSeconds,
    int MaxProcesses,
    IReadOnlyList<string> ReadOnlyPaths,
    TimeSpan Timeout,
    int MaxOutputBytes);

/// <summary>What happened to a sandboxed process.</summary>
/// <param name="ExitCode">The exit code; <see langword="null"/> when the sandbox killed it or it never started.</param>
/// <param name="TimedOut">Whether the wall-time limit killed it.</param>
/// <param name="OutputExceeded">Whether the output limit killed it.</param>
/// <param name="Duration">Wall time from start to exit.</param>
/// <param name="Output">Standard output, secrets masked, then cut at the limit.</param>
/// <param name="Errors">Standard error, secrets masked, then cut at the limit.</param>
/// <param name="StartError">Why it could not start; <see langword="null"/> when it started.</param>
/// <param name="ProcessLimitHit">Whether a fork or thread was refused at the process limit (known only with a cgroup).</param>
/// <param name="LeftBehind">Processes of the run still alive after the final kill (0 proves the tree is gone; always 0 without a cgroup to count).</param>
internal sealed record ProcessResult(
    int? ExitCode,
    bool TimedOut,
    bool OutputExceeded,
    TimeSpan Duration,
    string Output,
    string Errors,
    string? StartError,
    bool ProcessLimitHit = false,
    int LeftBehind = 0);
