namespace Chorus.Sandbox;

/// <summary>How one sandboxed run ended.</summary>
public enum SandboxStatus
{
    /// <summary>The tests exited with code 0 within every limit.</summary>
    Passed,

    /// <summary>The tests exited with a non-zero code (a failed assertion, an exception).</summary>
    TestsFailed,

    /// <summary>No code block could be extracted from the reply.</summary>
    NoCode,

    /// <summary>The C# candidate did not build (or the build exceeded its time limit); nothing was run.</summary>
    CompileFailed,

    /// <summary>The run exceeded its wall-time limit and its whole process tree was killed.</summary>
    TimedOut,

    /// <summary>The run hit its memory limit (an out-of-memory error, or killed by the kernel).</summary>
    MemoryExceeded,

    /// <summary>The run wrote more than the output limit and its whole process tree was killed.</summary>
    OutputExceeded,

    /// <summary>The run tried to use the network, which the sandbox had cut off, and failed.</summary>
    NetworkDenied,

    /// <summary>The sandbox itself could not start the process (for example the interpreter is missing).</summary>
    SandboxError,

    /// <summary>The run hit the process limit (a fork bomb); its whole process tree was killed.</summary>
    ProcessLimitExceeded,

    /// <summary>The run tried to reach something outside its sandbox (a file, a socket, a read-only path) and was denied.</summary>
    AccessDenied,

    /// <summary>Nothing ran: isolation is not available here and running unsandboxed was not allowed.</summary>
    Refused,
}
