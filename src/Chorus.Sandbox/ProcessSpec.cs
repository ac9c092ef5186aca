namespace Chorus.Sandbox;

/// <summary>One process to run in the sandbox: the command, where, with what environment, and its limits.</summary>
internal sealed record ProcessSpec(
    string FileName,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment,
    long? AddressSpaceKb,
    long FileSizeKb,
    int? CpuSeconds,
    bool Isolate,
    TimeSpan Timeout,
    int MaxOutputBytes);

/// <summary>What happened to a sandboxed process.</summary>
internal sealed record ProcessResult(int? ExitCode, bool TimedOut, bool OutputExceeded, TimeSpan Duration, string Output, string Errors, string? StartError);
