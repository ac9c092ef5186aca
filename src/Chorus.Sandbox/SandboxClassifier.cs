using System.Globalization;

namespace Chorus.Sandbox;

/// <summary>Turns what happened to a process into a <see cref="SandboxRun"/>. Pure.</summary>
internal static class SandboxClassifier
{
    // Exit codes of a process killed by a signal, as reported through bash/unshare: 128 + signal.
    private const int KilledBySigkill = 137;
    private const int KilledBySigsegv = 139;
    private const int KilledBySigxcpu = 152;
    private const int KilledBySigxfsz = 153;

    private static readonly string[] MemoryMarkers = ["MemoryError", "OutOfMemoryException", "Out of memory.", "Cannot allocate memory", "GC heap initialization failed", "std::bad_alloc"];

    private static readonly string[] NetworkMarkers =
    [
        "Network is unreachable", "[Errno 101]", "Errno 99", "Cannot assign requested address", "Temporary failure in name resolution", "Name or service not known",
        "NetworkUnreachable", "Connection refused", "[Errno 111]", "ConnectionRefused",
    ];

    // A fork or thread refused at the process limit (EAGAIN), as Python, .NET and shells report it.
    private static readonly string[] ProcessLimitMarkers =
        ["BlockingIOError", "Resource temporarily unavailable", "fork: retry", "Cannot fork", "can't start new thread", "Thread creation failed"];

    // What reaching outside the sandbox looks like from inside: the path is not there, or it is read-only, or not ours.
    private static readonly string[] DeniedMarkers =
    [
        "Permission denied", "Read-only file system", "Operation not permitted", "No such file or directory", "FileNotFoundError", "PermissionError",
        "UnauthorizedAccessException", "FileNotFoundException", "DirectoryNotFoundException", "Could not find a part of the path", "[Errno 13]", "[Errno 30]",
    ];

    public static SandboxRun Classify(ProcessResult result, bool isolated, TimeSpan wallTimeout, long memoryLimit, int maxOutput, int maxProcesses)
    {
        (SandboxStatus status, string detail) = result switch
        {
            { StartError: { } error } => (SandboxStatus.SandboxError, error),
            { ProcessLimitHit: true } => (SandboxStatus.ProcessLimitExceeded, $"hit the limit of {maxProcesses} processes and threads; process tree killed"),
            { ExitCode: not 0 } when isolated && ContainsAny(result.Errors + result.Output, ProcessLimitMarkers) =>
                (SandboxStatus.ProcessLimitExceeded, $"hit the limit of {maxProcesses} processes and threads (exit {Exit(result)}): {LastLine(result.Errors)}"),
            { OutputExceeded: true } => (SandboxStatus.OutputExceeded, $"wrote more than {maxOutput} bytes of output; process tree killed"),
            { TimedOut: true } => (SandboxStatus.TimedOut, $"exceeded the {Seconds(wallTimeout)} s wall-time limit; process tree killed"),
            { ExitCode: 0 } => (SandboxStatus.Passed, "tests passed"),
            { ExitCode: KilledBySigxcpu } => (SandboxStatus.TimedOut, $"exceeded the CPU-time limit ({Seconds(wallTimeout)} s + 1)"),
            { ExitCode: KilledBySigxfsz } => (SandboxStatus.OutputExceeded, $"wrote a file larger than {maxOutput} bytes"),
            _ when ContainsAny(result.Errors, MemoryMarkers) || result.ExitCode is KilledBySigkill or KilledBySigsegv =>
                (SandboxStatus.MemoryExceeded, $"hit the {memoryLimit >> 20} MiB memory limit (exit {result.ExitCode}): {LastLine(result.Errors)}"),
            _ when isolated && ContainsAny(result.Errors + result.Output, NetworkMarkers) =>
                (SandboxStatus.NetworkDenied, $"tried to use the network, which is cut off (exit {result.ExitCode}): {LastLine(result.Errors)}"),
            _ when isolated && ContainsAny(result.Errors, DeniedMarkers) =>
                (SandboxStatus.AccessDenied, $"tried to reach outside the sandbox and was denied (exit {result.ExitCode}): {LastLine(result.Errors)}"),
            _ => (SandboxStatus.TestsFailed, $"tests failed (exit {result.ExitCode}): {LastLine(result.Errors.Length > 0 ? result.Errors : result.Output)}"),
        };
        if (result.LeftBehind > 0)
        {
            detail += $"; {result.LeftBehind} processes of the run could not be killed";
        }

        return new SandboxRun(status, result.ExitCode, result.Duration, result.Output, result.Errors, detail, isolated);
    }

    public static TimeSpan Median(IReadOnlyList<TimeSpan> values)
    {
        TimeSpan[] sorted = [.. values.Order()];
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static bool ContainsAny(string text, string[] markers) => markers.Any(m => text.Contains(m, StringComparison.Ordinal));

    private static string LastLine(string text)
    {
        string line = text.TrimEnd().Split('\n').LastOrDefault()?.Trim() ?? string.Empty;
        return line.Length <= 300 ? line : line[..300];
    }

    private static string Exit(ProcessResult result) => result.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "killed";

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
