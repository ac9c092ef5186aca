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

    /// <summary>Gets or sets a value indicating whether runs get a private, empty network namespace (<c>unshare --net</c>) and PID namespace.</summary>
    /// <value>
    /// The default is <see langword="true"/>. Where <c>unshare</c> is not permitted (not root, no user namespaces), runs go ahead without
    /// isolation and every <see cref="SandboxRun.NetworkIsolated"/> says so, unless <see cref="RequireIsolation"/> is set.
    /// </value>
    public bool IsolateNetwork { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether a run is refused (<see cref="SandboxStatus.SandboxError"/>) when isolation is not available.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool RequireIsolation { get; set; }

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
