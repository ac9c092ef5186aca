using System.Globalization;
using Chorus.Recipes;

namespace Chorus.Sandbox;

/// <summary>
/// Runs model-written code against caller-supplied tests in a separate process, in a throwaway directory, isolated by bubblewrap, with
/// wall-time, CPU, memory, output, file-size and process limits. Model-written code never runs inside this process.
/// </summary>
/// <remarks>
/// Every run (the C# build too) is started under <c>bwrap</c> in new user, PID, IPC, UTS, network, cgroup and mount namespaces, as uid/gid
/// 65534 with no capabilities, with a fresh <c>/proc</c> (no other process visible), a private tmpfs <c>/tmp</c> (no diagnostics or other
/// sockets of this process), <c>/usr</c>, the interpreter and a few <c>/etc</c> files read-only, the throwaway directory the only writable
/// place, an environment made from nothing (PATH, HOME, LANG and the runtime's switches; never a variable of this process) and
/// <c>DOTNET_EnableDiagnostics=0</c>. Limits: <c>ulimit -v</c>, <c>-f</c>, <c>-t</c>; processes by the run's own cgroup <c>pids.max</c> where
/// one can be made, else <c>ulimit -u</c> counted inside the run's user namespace; wall time and output size here. At the end the whole
/// tree is killed (the PID namespace dies with its init) and, with a cgroup, the group is emptied and checked empty.
/// When isolation is not available the evaluation is refused unless <see cref="SandboxOptions.AllowUnsandboxed"/> is set.
/// Thread-safe; evaluations may run concurrently (their timings then disturb each other).
/// </remarks>
public sealed class CodeSandbox
{
    /// <summary>The smallest process limit of a C# build: MSBuild and the compiler run dozens of threads.</summary>
    private const int BuildProcesses = 512;

    private readonly TimeSpan _wallTimeout;
    private readonly TimeSpan _compileTimeout;
    private readonly long _memoryLimit;
    private readonly int _maxOutput;
    private readonly int _maxProcesses;
    private readonly bool _allowUnsandboxed;
    private readonly string? _pythonPath;
    private readonly string _dotnetPath;
    private readonly string _bubblewrapPath;
    private readonly string _workRoot;
    private readonly Func<string, string>? _redact;
    private readonly TimeProvider _time;
    private readonly Lazy<Task<(SandboxIsolation Isolation, SandboxJail? Jail)>> _isolation;
    private readonly Lazy<Task<PythonInterpreter>> _python;

    /// <summary>Initializes a new sandbox.</summary>
    /// <param name="options">The limits and tools; <see langword="null"/> for the defaults. Copied.</param>
    public CodeSandbox(SandboxOptions? options = null)
    {
        options ??= new SandboxOptions();
        _wallTimeout = options.WallTimeout;
        _compileTimeout = options.CompileTimeout;
        _memoryLimit = options.MemoryLimitBytes;
        _maxOutput = options.MaxOutputBytes;
        _maxProcesses = options.MaxProcesses;
        _allowUnsandboxed = options.AllowUnsandboxed;
        _pythonPath = options.PythonPath;
        _dotnetPath = options.DotnetPath ?? "dotnet";
        _bubblewrapPath = options.BubblewrapPath ?? "bwrap";
        _workRoot = options.WorkRoot ?? Path.GetTempPath();
        _redact = options.RedactOutput;
        _time = options.TimeProvider ?? TimeProvider.System;
        _isolation = new Lazy<Task<(SandboxIsolation, SandboxJail?)>>(ProbeIsolationAsync);
        _python = new Lazy<Task<PythonInterpreter>>(ResolvePythonAsync);
    }

    /// <summary>Finds out (once) whether candidates can be isolated here, and with what.</summary>
    /// <returns>The isolation and a note for reports; when it is not available, the note names the missing piece.</returns>
    public async Task<SandboxIsolation> GetIsolationAsync() => (await _isolation.Value.ConfigureAwait(false)).Isolation;

    /// <summary>Runs a candidate's tests, <paramref name="repetitions"/> times when they pass, to measure its runtime.</summary>
    /// <param name="code">The candidate's code (already extracted from the reply); <see langword="null"/> or blank gives <see cref="SandboxStatus.NoCode"/>.</param>
    /// <param name="tests">The caller's tests: a program that exits with 0 when the candidate is right (see <see cref="CodeLanguage"/> for the file layout).</param>
    /// <param name="language">The language of both.</param>
    /// <param name="repetitions">How many times to run passing tests; the median runtime is reported. At least 1.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests; cancelling kills the running process.</param>
    /// <returns>The evaluation; failures of the candidate, and a refusal for want of isolation, are statuses, never exceptions.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tests"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="repetitions"/> is less than 1, or <paramref name="language"/> is not defined.</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    public async Task<CodeEvaluation> EvaluateAsync(string? code, string tests, CodeLanguage language, int repetitions = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tests);
        ArgumentOutOfRangeException.ThrowIfLessThan(repetitions, 1);
        if (!Enum.IsDefined(language))
        {
            throw new ArgumentOutOfRangeException(nameof(language), language, $"{nameof(language)} must be a defined {nameof(CodeLanguage)}, was {language}.");
        }

        (SandboxIsolation isolation, SandboxJail? jail) = await _isolation.Value.ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(code))
        {
            return new CodeEvaluation(SandboxStatus.NoCode, [], null, "no code block in the reply", isolation.Available);
        }

        if (jail is null && !_allowUnsandboxed)
        {
            return new CodeEvaluation(SandboxStatus.Refused, [], null, RefusalMessage(isolation), false);
        }

        string directory = Path.Combine(_workRoot, "chorus-sandbox-" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(directory);
        try
        {
            return language == CodeLanguage.Python
                ? await EvaluatePythonAsync(directory, code, tests, repetitions, jail, cancellationToken).ConfigureAwait(false)
                : await EvaluateCSharpAsync(directory, code, tests, repetitions, jail, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            TryDelete(directory);
        }
    }

    /// <summary>The one line a refused evaluation (or a CLI refusing up front) reports: what is missing and the way out.</summary>
    /// <param name="isolation">The unavailable isolation.</param>
    /// <returns>The message.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="isolation"/> is <see langword="null"/>.</exception>
    public static string RefusalMessage(SandboxIsolation isolation)
    {
        ArgumentNullException.ThrowIfNull(isolation);
        return $"refused to run model-written code without isolation: {isolation.Note}; allow unsandboxed runs explicitly to run it anyway";
    }

    private async Task<CodeEvaluation> EvaluatePythonAsync(string directory, string code, string tests, int repetitions, SandboxJail? jail, CancellationToken cancellationToken)
    {
        PythonInterpreter python = _pythonPath is { } configured ? new PythonInterpreter(configured, null) : await _python.Value.ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(directory, "solution.py"), code, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(directory, "test_solution.py"), tests, cancellationToken).ConfigureAwait(false);
        var environment = BaseEnvironment(directory, python.Executable);
        environment["PYTHONDONTWRITEBYTECODE"] = "1";
        environment["PYTHONHASHSEED"] = "0";
        var spec = new ProcessSpec(
            python.Executable, ["-B", "-E", "-s", "test_solution.py"], directory, environment, _memoryLimit / 1024, FileSizeKb, CpuSeconds, _maxProcesses,
            ReadOnlyOutsideUsr(python.Prefix), _wallTimeout, _maxOutput);
        return await RunRepeatedlyAsync(spec, repetitions, jail, null, cancellationToken).ConfigureAwait(false);
    }

    private async Task<CodeEvaluation> EvaluateCSharpAsync(string directory, string code, string tests, int repetitions, SandboxJail? jail, CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(Path.Combine(directory, "candidate.csproj"), SandboxFiles.Project, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(directory, "nuget.config"), SandboxFiles.NuGetConfig, cancellationToken).ConfigureAwait(false);
        foreach (string name in (string[])["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props"])
        {
            // Stop MSBuild from importing build files of any directory above the work root.
            await File.WriteAllTextAsync(Path.Combine(directory, name), "<Project />\n", cancellationToken).ConfigureAwait(false);
        }

        await File.WriteAllTextAsync(Path.Combine(directory, "Solution.cs"), code, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(directory, "Program.cs"), tests, cancellationToken).ConfigureAwait(false);
        string dotnet = ResolveOnPath(_dotnetPath);
        Dictionary<string, string> environment = BaseEnvironment(directory, dotnet);
        foreach ((string key, string value) in SandboxFiles.DotnetEnvironment(directory))
        {
            environment[key] = value;
        }

        // The build runs our toolchain on the candidate's source: isolated and time-limited, with no memory limit (MSBuild needs room).
        IReadOnlyList<string> toolPaths = ReadOnlyOutsideUsr(DotnetRoot(dotnet));
        var build = new ProcessSpec(
            dotnet, SandboxFiles.BuildArguments, directory, environment, null, 1L << 20, null, Math.Max(BuildProcesses, _maxProcesses), toolPaths, _compileTimeout, 1 << 20);
        ProcessResult built = await SandboxProcess.RunAsync(build, jail, _redact, _time, cancellationToken).ConfigureAwait(false);
        if (built.StartError is not null || built.TimedOut || built.ExitCode != 0)
        {
            string why = built.StartError ?? (built.TimedOut ? $"the build exceeded {_compileTimeout.TotalSeconds:0} s" : SandboxFiles.BuildErrors(built.Output + built.Errors, directory));
            return new CodeEvaluation(built.StartError is null ? SandboxStatus.CompileFailed : SandboxStatus.SandboxError, [], null, "build failed: " + why, jail is not null, built.Duration);
        }

        // W^X double-maps code through a memfd sized past the file-size limit (ulimit -f), which makes the runtime fail to start.
        environment["DOTNET_EnableWriteXorExecute"] = "0";
        environment["DOTNET_GCHeapHardLimit"] = "0x" + _memoryLimit.ToString("x", CultureInfo.InvariantCulture);
        long addressSpaceKb = (_memoryLimit + (2L << 30)) / 1024;
        var run = new ProcessSpec(dotnet, ["out/candidate.dll"], directory, environment, addressSpaceKb, FileSizeKb, CpuSeconds, _maxProcesses, toolPaths, _wallTimeout, _maxOutput);
        return await RunRepeatedlyAsync(run, repetitions, jail, built.Duration, cancellationToken).ConfigureAwait(false);
    }

    private async Task<CodeEvaluation> RunRepeatedlyAsync(ProcessSpec spec, int repetitions, SandboxJail? jail, TimeSpan? buildDuration, CancellationToken cancellationToken)
    {
        bool isolated = jail is not null;
        var runs = new List<SandboxRun>(repetitions);
        for (int i = 0; i < repetitions; i++)
        {
            ProcessResult result = await SandboxProcess.RunAsync(spec, jail, _redact, _time, cancellationToken).ConfigureAwait(false);
            SandboxRun run = SandboxClassifier.Classify(result, isolated, _wallTimeout, _memoryLimit, _maxOutput, _maxProcesses);
            runs.Add(run);
            if (!run.Passed)
            {
                return new CodeEvaluation(run.Status, runs, null, run.Detail, isolated, buildDuration);
            }
        }

        TimeSpan median = SandboxClassifier.Median([.. runs.Select(r => r.Duration)]);
        string detail = $"passed {runs.Count} of {runs.Count} runs; median {median.TotalMilliseconds.ToString("0.#", CultureInfo.InvariantCulture)} ms";
        return new CodeEvaluation(SandboxStatus.Passed, runs, median, detail, isolated, buildDuration);
    }

    private long FileSizeKb => Math.Max(1, _maxOutput / 1024);

    private int CpuSeconds => (int)Math.Ceiling(_wallTimeout.TotalSeconds) + 1;

    private static Dictionary<string, string> BaseEnvironment(string directory, string tool)
    {
        string? toolDirectory = Path.GetDirectoryName(tool);
        string path = string.IsNullOrEmpty(toolDirectory) ? "/usr/local/bin:/usr/bin:/bin" : toolDirectory + ":/usr/local/bin:/usr/bin:/bin";
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = path,
            ["HOME"] = directory,
            ["TMPDIR"] = directory,
            ["LANG"] = "C.UTF-8",

            // No diagnostics IPC socket, debugger or profiler hooks in a sandboxed .NET process (harmless for Python).
            ["DOTNET_EnableDiagnostics"] = "0",
        };
    }

    /// <summary>The directory to bind read-only for a tool, unless it is already visible through <c>/usr</c>.</summary>
    private static string[] ReadOnlyOutsideUsr(string? directory) =>
        directory is null || directory == "/usr" || directory.StartsWith("/usr/", StringComparison.Ordinal) || !Directory.Exists(directory) ? [] : [directory];

    /// <summary>The .NET installation directory: where the real <c>dotnet</c> host lives, following symlinks (<c>/usr/bin/dotnet</c>).</summary>
    private static string? DotnetRoot(string dotnet)
    {
        try
        {
            FileSystemInfo? target = new FileInfo(dotnet).ResolveLinkTarget(returnFinalTarget: true);
            return Path.GetDirectoryName(target?.FullName ?? Path.GetFullPath(dotnet));
        }
        catch (IOException)
        {
            return Path.GetDirectoryName(dotnet);
        }
    }

    private static string ResolveOnPath(string tool)
    {
        if (tool.Contains('/', StringComparison.Ordinal))
        {
            return tool;
        }

        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(directory, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return tool;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temporary directory is cleaned up by the system eventually.
        }
        catch (UnauthorizedAccessException)
        {
            // The candidate changed permissions; leave it.
        }
    }

    private async Task<(SandboxIsolation Isolation, SandboxJail? Jail)> ProbeIsolationAsync()
    {
        string bwrap = ResolveOnPath(_bubblewrapPath);
        if (!File.Exists(bwrap))
        {
            return (Unavailable($"bubblewrap ('{_bubblewrapPath}') is not installed (Debian/Ubuntu: apt-get install bubblewrap)"), null);
        }

        var empty = new Dictionary<string, string>();
        ProcessResult version = await SandboxProcess.RunAsync(
            new ProcessSpec(bwrap, ["--version"], _workRoot, empty, null, 1024, null, 0, [], TimeSpan.FromSeconds(10), 4096), null, null, _time, CancellationToken.None).ConfigureAwait(false);
        string name = version.ExitCode == 0 && version.Output.Trim() is { Length: > 0 } v ? v : "bubblewrap";

        // Are we root? Then RLIMIT_NPROC does not apply (the kernel exempts uid 0 outside), and only a cgroup can count processes.
        bool root = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal))?.Split('\t', StringSplitOptions.RemoveEmptyEntries) is [_, _, "0", ..];
        string? cgroupRoot = SandboxCgroup.FindRoot();
        if (root && cgroupRoot is null)
        {
            return (Unavailable("no way to limit processes: running as root (where RLIMIT_NPROC does not apply) and no writable cgroup pids controller"), null);
        }

        var jail = new SandboxJail(bwrap, name, cgroupRoot);
        string directory = Path.Combine(_workRoot, "chorus-sandbox-probe-" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(directory);
        try
        {
            var spec = new ProcessSpec("/bin/true", [], directory, new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" }, null, 1024, null, 16, [], TimeSpan.FromSeconds(20), 4096);
            ProcessResult probe = await SandboxProcess.RunAsync(spec, jail, null, _time, CancellationToken.None).ConfigureAwait(false);
            if (probe.ExitCode != 0)
            {
                string why = (probe.StartError ?? probe.Errors).Trim().ReplaceLineEndings(" ");
                return (Unavailable($"{name} cannot create its namespaces here ({why}); user namespaces may be disabled (sysctl kernel.unprivileged_userns_clone / user.max_user_namespaces)"), null);
            }
        }
        finally
        {
            TryDelete(directory);
        }

        string processes = cgroupRoot is null ? "processes limited by RLIMIT_NPROC in the run's user namespace" : "processes limited by the run's own cgroup pids.max";
        string note = $"new user/PID/IPC/UTS/net/mount namespaces, uid {SandboxJail.SandboxId}, fresh /proc, private /tmp, read-only /usr, empty environment, no network; {processes}";
        return (new SandboxIsolation(true, name, note), jail);
    }

    private SandboxIsolation Unavailable(string why) =>
        new(false, _allowUnsandboxed ? "none (unsandboxed runs allowed)" : "none", why);

    private async Task<PythonInterpreter> ResolvePythonAsync()
    {
        // Version managers (pyenv) put shims on PATH that need their own environment; find the real interpreter and its prefix once,
        // so the prefix can be bound read-only into the sandbox. This runs our own one-liner, not model-written code.
        string python3 = ResolveOnPath("python3");
        var spec = new ProcessSpec(
            python3, ["-c", "import sys; print(sys.executable); print(sys.base_prefix)"], _workRoot, CurrentEnvironment(), null, 1024, null, 0, [], TimeSpan.FromSeconds(30), 4096);
        ProcessResult result = await SandboxProcess.RunAsync(spec, null, null, _time, CancellationToken.None).ConfigureAwait(false);
        string[] lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return result.ExitCode == 0 && lines.Length == 2 ? new PythonInterpreter(lines[0], lines[1]) : new PythonInterpreter(python3, null);
    }

    private static Dictionary<string, string> CurrentEnvironment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string key in (ReadOnlySpan<string>)["PATH", "HOME", "PYENV_ROOT", "PYENV_VERSION"])
        {
            if (Environment.GetEnvironmentVariable(key) is { } value)
            {
                environment[key] = value;
            }
        }

        return environment;
    }

    /// <summary>The interpreter to run and the installation prefix it needs.</summary>
    private sealed record PythonInterpreter(string Executable, string? Prefix);
}
