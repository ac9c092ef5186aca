namespace Chorus.Sandbox;

/// <summary>Limits and tools of a <see cref="CodeSandbox"/>.</summary>
/// <remarks>The sandbox copies the values when it is created; later changes have no effect on it.</remarks>
public sealed class SandboxOptions
{
    /// <summary>Gets or sets the wall-time limit of one test run; the whole process tree is killed when it passes.</summary>
    /// <value>The default is 10 seconds. Must be positive.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public TimeSpan WallTimeout
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            field = value;
        }
    } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the wall-time limit of building a C# candidate.</summary>
    /// <value>The default is 3 minutes (a cold <c>dotnet build</c> on a small machine takes several seconds). Must be positive.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public TimeSpan CompileTimeout
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            field = value;
        }
    } = TimeSpan.FromMinutes(3);

    /// <summary>Gets or sets the memory limit of one test run, in bytes.</summary>
    /// <value>
    /// The default is 256 MiB; at least 16 MiB. Python gets it as its address-space limit (<c>ulimit -v</c>). .NET reserves far more address
    /// space than it uses, so a C# candidate gets it as its GC heap hard limit (<c>DOTNET_GCHeapHardLimit</c>) and an address-space limit 2 GiB above it.
    /// </value>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 16 MiB.</exception>
    public long MemoryLimitBytes
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 16L << 20);
            field = value;
        }
    } = 256L << 20;

    /// <summary>Gets or sets the most a run may write to standard output and standard error together, in bytes; past it the process tree is killed.</summary>
    /// <value>The default is 64 KiB. Must be positive. Files the run writes are limited to the same size (<c>ulimit -f</c>).</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int MaxOutputBytes
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            field = value;
        }
    } = 64 * 1024;

    /// <summary>Gets or sets the most processes and threads one test run may have at once; a fork bomb stops there.</summary>
    /// <value>
    /// The default is 128. Must be at least 16 (a .NET process alone starts a dozen threads). Enforced by the run's own cgroup
    /// (<c>pids.max</c>) where one can be created (root with the <c>pids</c> controller), else by <c>RLIMIT_NPROC</c> inside the run's user
    /// namespace. C# builds get the larger of this and 512.
    /// </value>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 16.</exception>
    public int MaxProcesses
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 16);
            field = value;
        }
    } = 128;

    /// <summary>Gets or sets a value indicating whether candidates may run without isolation when bubblewrap isolation is not available here.</summary>
    /// <value>
    /// The default is <see langword="false"/>: without isolation every evaluation is refused (<see cref="SandboxStatus.Refused"/>), with a
    /// one-line reason naming the missing piece. <see langword="true"/> runs model-written code as this user, with this user's files and
    /// processes in reach, under only <c>ulimit</c> limits and a cleared environment; <see cref="SandboxIsolation"/> then says so.
    /// </value>
    public bool AllowUnsandboxed { get; set; }

    /// <summary>Gets or sets the <c>bwrap</c> executable.</summary>
    /// <value>The default is <see langword="null"/>: <c>bwrap</c> from <c>PATH</c>.</value>
    public string? BubblewrapPath { get; set; }

    /// <summary>Gets or sets the secret mask applied to everything a run prints (standard output and error, build output) before it is cut at
    /// <see cref="MaxOutputBytes"/> and before it reaches any result, report or log.</summary>
    /// <value>The default is <see langword="null"/>: nothing is masked (the run never sees this process's environment in the first place).</value>
    public Func<string, string>? RedactOutput { get; set; }

    /// <summary>Gets or sets the Python interpreter.</summary>
    /// <value>The default is <see langword="null"/>: <c>python3</c> from <c>PATH</c>, resolved once to its real executable (so version-manager shims work in the cleared environment).</value>
    public string? PythonPath { get; set; }

    /// <summary>Gets or sets the <c>dotnet</c> host used to build and run C# candidates.</summary>
    /// <value>The default is <see langword="null"/>: <c>dotnet</c> from <c>PATH</c>.</value>
    public string? DotnetPath { get; set; }

    /// <summary>Gets or sets the directory under which each run gets its own throwaway directory.</summary>
    /// <value>The default is <see langword="null"/>: the system temporary directory. It must not be inside a .NET repository (its build files would apply to C# candidates).</value>
    public string? WorkRoot { get; set; }

    /// <summary>Gets or sets the clock used to measure runtimes and enforce the time limits.</summary>
    /// <value>The default is <see langword="null"/>: <see cref="TimeProvider.System"/>.</value>
    public TimeProvider? TimeProvider { get; set; }
}
