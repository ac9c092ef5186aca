using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Chorus.Journal.Sqlite.Tests.Integration;

/// <summary>Runs Chorus.Journal.CrashHost as a child process and follows what it prints.</summary>
internal sealed class CrashHostProcess : IDisposable
{
    private readonly Process _process;
    private readonly object _sync = new();
    private readonly List<string> _recorded = [];
    private readonly StringBuilder _errors = new();
    private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];
    private string? _result;

    private CrashHostProcess(Process process)
    {
        _process = process;
    }

    public IReadOnlyList<string> Recorded
    {
        get
        {
            lock (_sync)
            {
                return [.. _recorded];
            }
        }
    }

    public static CrashHostProcess Start(Uri endpoint, string journalPath, int branches, int concurrency, string prefix)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "Chorus.Journal.CrashHost.dll");
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in (string[])["exec", dll, endpoint.ToString(), journalPath, branches.ToString(CultureInfo.InvariantCulture), concurrency.ToString(CultureInfo.InvariantCulture), prefix])
        {
            info.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var host = new CrashHostProcess(process);
        process.OutputDataReceived += (_, e) => host.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            lock (host._sync)
            {
                host._errors.AppendLine(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Completes once the child has journaled at least <paramref name="count"/> branches.</summary>
    public Task WhenRecorded(int count)
    {
        lock (_sync)
        {
            if (_recorded.Count >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, reached));
            return reached.Task;
        }
    }

    /// <summary>Kills the child with SIGKILL (what <see cref="Process.Kill(bool)"/> sends on Unix) and waits for it to be gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Waits for the child to finish and returns what it printed as its result.</summary>
    public async Task<JsonElement> ResultAsync()
    {
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        _process.WaitForExit(); // flushes the redirected streams
        lock (_sync)
        {
            Assert.True(_process.ExitCode == 0 && _result is not null, $"The crash host failed with exit code {_process.ExitCode}: {_errors}");
            return JsonDocument.Parse(_result!).RootElement.Clone();
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        List<TaskCompletionSource> reached = [];
        lock (_sync)
        {
            if (line.StartsWith("recorded ", StringComparison.Ordinal))
            {
                _recorded.Add(line["recorded ".Length..]);
                reached.AddRange(_waiters.Where(w => w.Count <= _recorded.Count).Select(w => w.Reached));
                _waiters.RemoveAll(w => w.Count <= _recorded.Count);
            }
            else if (line.StartsWith("result ", StringComparison.Ordinal))
            {
                _result = line["result ".Length..];
            }
        }

        foreach (TaskCompletionSource tcs in reached)
        {
            tcs.TrySetResult();
        }
    }
}
