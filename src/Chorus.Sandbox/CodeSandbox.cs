using System.Globalization;
using Chorus.Recipes;

namespace Chorus.Sandbox;

/// <summary>
/// Runs model-written code against caller-supplied tests in a separate process, in a throwaway directory, with wall-time, memory and
/// output limits and, where the machine allows, no network. Model-written code never runs inside this process.
/// </summary>
/// <remarks>
/// Each evaluation gets a fresh directory under <see cref="SandboxOptions.WorkRoot"/>, deleted afterwards, and a cleared environment
/// (nothing of this process's environment, such as API keys, reaches the candidate). Limits: <c>ulimit -v</c> (address space),
/// <c>-f</c> (file size) and <c>-t</c> (CPU seconds) applied by a <c>bash</c> wrapper; the wall time and the output size are enforced
/// here, killing the whole process tree; <c>unshare --net --pid --fork --kill-child</c> gives an empty network namespace and a PID namespace,
/// so even detached grandchildren die with the run. Thread-safe; evaluations may run concurrently (their timings then disturb each other).
/// </remarks>
public sealed class CodeSandbox
{
    private readonly TimeSpan _wallTimeout;
    private readonly TimeSpan _compileTimeout;
    private readonly long _memoryLimit;
    private readonly int _maxOutput;
    private readonly bool _isolate;
    private readonly bool _requireIsolation;
    private readonly string? _pythonPath;
    private readonly string _dotnetPath;
    private readonly string _workRoot;
    private readonly TimeProvider _time;
    private readonly Lazy<Task<SandboxIsolation>> _isolation;
    private readonly Lazy<Task<string>> _python;

    /// <summary>Initializes a new sandbox.</summary>
    /// <param name="options">The limits and tools; <see langword="null"/> for the defaults. Copied.</param>
    public CodeSandbox(SandboxOptions? options = null)
    {
        options ??= new SandboxOptions();
        _wallTimeout = options.WallTimeout;
        _compileTimeout = options.CompileTimeout;
        _memoryLimit = options.MemoryLimitBytes;
        _maxOutput = options.MaxOutputBytes;
        _isolate = options.IsolateNetwork;
        _requireIsolation = options.RequireIsolation;
        _pythonPath = options.PythonPath;
        _dotnetPath = options.DotnetPath ?? "dotnet";
        _workRoot = options.WorkRoot ?? Path.GetTempPath();
        _time = options.TimeProvider ?? TimeProvider.System;
        _isolation = new Lazy<Task<SandboxIsolation>>(ProbeIsolationAsync);
        _python = new Lazy<Task<string>>(ResolvePythonAsync);
    }

    /// <summary>Finds out (once) whether runs can be cut off the network here.</summary>
    /// <returns>Whether isolation is available, and a note for reports.</returns>
    public Task<SandboxIsolation> GetIsolationAsync() => _isolation.Value;

    /// <summary>Runs a candidate's tests, <paramref name="repetitions"/> times when they pass, to measure its runtime.</summary>
    /// <param name="code">The candidate's code (already extracted from the reply); <see langword="null"/> or blank gives <see cref="SandboxStatus.NoCode"/>.</param>
    /// <param name="tests">The caller's tests: a program that exits with 0 when the candidate is right (see <see cref="CodeLanguage"/> for the file layout).</param>
    /// <param name="language">The language of both.</param>
    /// <param name="repetitions">How many times to run passing tests; the median runtime is reported. At least 1.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests; cancelling kills the running process.</param>
    /// <returns>The evaluation; failures of the candidate are statuses, never exceptions.</returns>
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

        SandboxIsolation isolation = _isolate ? await GetIsolationAsync().ConfigureAwait(false) : new SandboxIsolation(false, "network isolation is turned off");
        if (string.IsNullOrWhiteSpace(code))
        {
            return new CodeEvaluation(SandboxStatus.NoCode, [], null, "no code block in the reply", isolation.Available);
        }

        if (_isolate && _requireIsolation && !isolation.Available)
        {
            return new CodeEvaluation(SandboxStatus.SandboxError, [], null, "isolation is required but not available: " + isolation.Note, false);
        }

        string directory = Path.Combine(_workRoot, "chorus-sandbox-" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(directory);
        try
        {
            return language == CodeLanguage.Python
                ? await EvaluatePythonAsync(directory, code, tests, repetitions, isolation.Available, cancellationToken).ConfigureAwait(false)
                : await EvaluateCSharpAsync(directory, code, tests, repetitions, isolation.Available, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            TryDelete(directory);
        }
    }

    private async Task<CodeEvaluation> EvaluatePythonAsync(string directory, string code, string tests, int repetitions, bool isolated, CancellationToken cancellationToken)
    {
        string python = _pythonPath ?? await _python.Value.ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(directory, "solution.py"), code, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(directory, "test_solution.py"), tests, cancellationToken).ConfigureAwait(false);
        var environment = BaseEnvironment(directory, python);
        environment["PYTHONDONTWRITEBYTECODE"] = "1";
        environment["PYTHONHASHSEED"] = "0";
        var spec = new ProcessSpec(python, ["-B", "-E", "-s", "test_solution.py"], directory, environment, _memoryLimit / 1024, FileSizeKb, CpuSeconds, isolated, _wallTimeout, _maxOutput);
        return await RunRepeatedlyAsync(spec, repetitions, isolated, null, cancellationToken).ConfigureAwait(false);
    }

    private async Task<CodeEvaluation> EvaluateCSharpAsync(string directory, string code, string tests, int repetitions, bool isolated, CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(Path.Combine(directory, "candidate.csproj"), SandboxFiles.Project, cancellationToken).ConfigureAwait(false);
        foreach (string name in (string[])["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props"])
        {
            // Stop MSBuild from importing build files of any directory above the work root.
            await File.WriteAllTextAsync(Path.Combine(directory, name), "<Project />\n", cancellationToken).ConfigureAwait(false);
        }

        await File.WriteAllTextAsync(Path.Combine(directory, "Solution.cs"), code, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(directory, "Program.cs"), tests, cancellationToken).ConfigureAwait(false);
        Dictionary<string, string> environment = BaseEnvironment(directory, ResolveOnPath(_dotnetPath));
        foreach ((string key, string value) in SandboxFiles.DotnetEnvironment(directory))
        {
            environment[key] = value;
        }

        // The build runs our toolchain on the candidate's source: isolated and time-limited, with no memory limit (MSBuild needs room).
        var build = new ProcessSpec(_dotnetPath, SandboxFiles.BuildArguments, directory, environment, null, 1L << 20, null, isolated, _compileTimeout, 1 << 20);
        ProcessResult built = await SandboxProcess.RunAsync(build, _time, cancellationToken).ConfigureAwait(false);
        if (built.StartError is not null || built.TimedOut || built.ExitCode != 0)
        {
            string why = built.StartError ?? (built.TimedOut ? $"the build exceeded {_compileTimeout.TotalSeconds:0} s" : SandboxFiles.BuildErrors(built.Output + built.Errors, directory));
            return new CodeEvaluation(built.StartError is null ? SandboxStatus.CompileFailed : SandboxStatus.SandboxError, [], null, "build failed: " + why, isolated, built.Duration);
        }

        // W^X double-maps code through a memfd sized past the file-size limit (ulimit -f), which makes the runtime fail to start.
        environment["DOTNET_EnableWriteXorExecute"] = "0";
        environment["DOTNET_GCHeapHardLimit"] = "0x" + _memoryLimit.ToString("x", CultureInfo.InvariantCulture);
        long addressSpaceKb = (_memoryLimit + (2L << 30)) / 1024;
        var run = new ProcessSpec(_dotnetPath, ["out/candidate.dll"], directory, environment, addressSpaceKb, FileSizeKb, CpuSeconds, isolated, _wallTimeout, _maxOutput);
        return await RunRepeatedlyAsync(run, repetitions, isolated, built.Duration, cancellationToken).ConfigureAwait(false);
    }

    private async Task<CodeEvaluation> RunRepeatedlyAsync(ProcessSpec spec, int repetitions, bool isolated, TimeSpan? buildDuration, CancellationToken cancellationToken)
    {
        var runs = new List<SandboxRun>(repetitions);
        for (int i = 0; i < repetitions; i++)
        {
            ProcessResult result = await SandboxProcess.RunAsync(spec, _time, cancellationToken).ConfigureAwait(false);
            SandboxRun run = SandboxClassifier.Classify(result, isolated, _wallTimeout, _memoryLimit, _maxOutput);
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
        };
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

    private async Task<SandboxIsolation> ProbeIsolationAsync()
    {
        var spec = new ProcessSpec("true", [], _workRoot, new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" }, null, 1024, null, true, TimeSpan.FromSeconds(10), 4096);
        ProcessResult probe = await SandboxProcess.RunAsync(spec, _time, CancellationToken.None).ConfigureAwait(false);
        return probe.ExitCode == 0
            ? new SandboxIsolation(true, "unshare --net --pid: no network, private PID namespace")
            : new SandboxIsolation(false, "unshare is not permitted here (" + (probe.StartError ?? probe.Errors.Trim()) + "); runs have network access");
    }

    private async Task<string> ResolvePythonAsync()
    {
        // Version managers (pyenv) put shims on PATH that need their own environment; find the real interpreter once.
        string python3 = ResolveOnPath("python3");
        var spec = new ProcessSpec(python3, ["-c", "import sys; print(sys.executable)"], _workRoot, CurrentEnvironment(), null, 1024, null, false, TimeSpan.FromSeconds(30), 4096);
        ProcessResult result = await SandboxProcess.RunAsync(spec, _time, CancellationToken.None).ConfigureAwait(false);
        string resolved = result.Output.Trim();
        return result.ExitCode == 0 && resolved.Length > 0 ? resolved : python3;
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
}
