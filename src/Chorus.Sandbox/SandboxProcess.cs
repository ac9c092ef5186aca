using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Chorus.Sandbox;

/// <summary>
/// Starts one limited process (inside <c>bwrap</c> when a jail is given, else only under <c>bash</c>'s <c>ulimit</c>), caps its output,
/// masks secrets in what it printed, enforces its wall time, and kills its whole tree.
/// </summary>
internal static class SandboxProcess
{
    // How long to wait for the output pipes to close after the process exits or is killed; a stray grandchild outside
    // the PID namespace (only possible without isolation) could otherwise hold them open forever.
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(2);

    // Output is captured this far past the limit so a secret that straddles the cut is still whole when it is masked.
    private const int MaskSlack = 4096;

    // Joins the run's cgroup before anything of the run exists, then becomes bwrap: no fork escapes the count.
    private const string JoinCgroupScript = "echo $$ > \"$0\" && exec \"$@\"";

    public static async Task<ProcessResult> RunAsync(ProcessSpec spec, SandboxJail? jail, Func<string, string>? redact, TimeProvider time, CancellationToken cancellationToken)
    {
        SandboxCgroup? cgroup = null;
        if (jail?.PidsCgroupRoot is { } root)
        {
            try
            {
                cgroup = SandboxCgroup.Create(root, spec.MaxProcesses);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return new ProcessResult(null, false, false, TimeSpan.Zero, string.Empty, string.Empty, $"the run's cgroup could not be created under {root}: {ex.Message}");
            }
        }

        using var process = new Process { StartInfo = CreateStartInfo(spec, jail, cgroup) };
        using var timeout = new CancellationTokenSource(spec.Timeout, time);
        using var overflow = new CancellationTokenSource();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token, overflow.Token);
        var budget = new OutputBudget(spec.MaxOutputBytes, overflow);
        long started = time.GetTimestamp();
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            if (!await StartOnOwnThreadAsync(process, exited.Task).ConfigureAwait(false))
            {
                exited.TrySetResult();
                await ReleaseAsync(cgroup, time).ConfigureAwait(false);
                return new ProcessResult(null, false, false, TimeSpan.Zero, string.Empty, string.Empty, $"'{process.StartInfo.FileName}' did not start.");
            }
        }
        catch (Win32Exception ex)
        {
            exited.TrySetResult();
            await ReleaseAsync(cgroup, time).ConfigureAwait(false);
            return new ProcessResult(null, false, false, TimeSpan.Zero, string.Empty, string.Empty, $"'{process.StartInfo.FileName}' could not be started: {ex.Message}");
        }

        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        bool killed = false;
        bool limitHit;
        int leftBehind;
        TimeSpan duration;
        try
        {
            process.StandardInput.Close();
            Task readers = Task.WhenAll(
                PumpAsync(process.StandardOutput.BaseStream, stdout, budget),
                PumpAsync(process.StandardError.BaseStream, stderr, budget));
            try
            {
                await process.WaitForExitAsync(stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Kill(process);
                killed = true;
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }

            duration = time.GetElapsedTime(started);
            limitHit = cgroup?.LimitHit() ?? false;
            leftBehind = await ReleaseAsync(cgroup, time).ConfigureAwait(false);
            await Task.WhenAny(readers, Task.Delay(DrainGrace, time, CancellationToken.None)).ConfigureAwait(false);
            if (!readers.IsCompleted)
            {
                Kill(process);
            }
        }
        finally
        {
            exited.TrySetResult();
        }

        cancellationToken.ThrowIfCancellationRequested();
        bool overflowed = overflow.IsCancellationRequested;
        bool timedOut = killed && !overflowed && timeout.IsCancellationRequested;
        return new ProcessResult(
            killed ? null : process.ExitCode, timedOut, overflowed, duration,
            Finish(stdout, redact, spec.MaxOutputBytes), Finish(stderr, redact, spec.MaxOutputBytes), null, limitHit, leftBehind);
    }

    /// <summary>
    /// Starts the process from a thread of its own that lives until the process has exited. <c>bwrap --die-with-parent</c> uses the
    /// parent-death signal, which fires when the <em>thread</em> that forked it ends; a thread-pool thread may retire mid-run.
    /// </summary>
    private static Task<bool> StartOnOwnThreadAsync(Process process, Task exited)
    {
        var started = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                started.SetResult(process.Start());
            }
#pragma warning disable CA1031 // Handed to the awaiting caller, which decides what is expected (Win32Exception) and what is a bug.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                started.SetException(ex);
                return;
            }

            exited.Wait();
        })
        {
            IsBackground = true,
            Name = "chorus-sandbox-parent",
        };
        thread.Start();
        return started.Task;
    }

    /// <summary>The bash script that applies the limits and then becomes the command (<c>exec "$@"</c>).</summary>
    internal static string LimitScript(ProcessSpec spec, bool limitProcesses)
    {
        var script = new StringBuilder();
        if (spec.AddressSpaceKb is { } kb)
        {
            script.Append(CultureInfo.InvariantCulture, $"ulimit -v {kb} && ");
        }

        script.Append(CultureInfo.InvariantCulture, $"ulimit -f {spec.FileSizeKb} && ");
        if (spec.CpuSeconds is { } cpu)
        {
            script.Append(CultureInfo.InvariantCulture, $"ulimit -t {cpu} && ");
        }

        if (limitProcesses)
        {
            script.Append(CultureInfo.InvariantCulture, $"ulimit -u {spec.MaxProcesses} && ");
        }

        script.Append("exec \"$@\"");
        return script.ToString();
    }

    /// <summary>Masks secrets first, then cuts at the limit: a cut first could leave part of a secret that the mask no longer recognises.</summary>
    internal static string Finish(MemoryStream captured, Func<string, string>? redact, int maxOutputBytes)
    {
        string text = Encoding.UTF8.GetString(captured.GetBuffer(), 0, (int)captured.Length);
        if (redact is not null)
        {
            text = redact(text);
        }

        return text.Length <= maxOutputBytes ? text : text[..maxOutputBytes];
    }

    private static ProcessStartInfo CreateStartInfo(ProcessSpec spec, SandboxJail? jail, SandboxCgroup? cgroup)
    {
        var info = new ProcessStartInfo
        {
            WorkingDirectory = spec.WorkingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };

        // Never pass our environment (API keys) to model-written code, nor to bwrap, whose pid 1 in the sandbox keeps it in /proc/1/environ.
        info.Environment.Clear();
        if (jail is null)
        {
            info.FileName = "bash";
            Add(info, ["-c", LimitScript(spec, limitProcesses: false), "chorus-sandbox", spec.FileName, .. spec.Arguments]);
            foreach ((string key, string value) in spec.Environment)
            {
                info.Environment[key] = value;
            }

            return info;
        }

        // Without a cgroup, RLIMIT_NPROC applies: it counts per user namespace, so the run's own namespace gives it its own count.
        IReadOnlyList<string> bwrap = SandboxJail.ArgumentsFor(spec, LimitScript(spec, limitProcesses: cgroup is null));
        if (cgroup is null)
        {
            info.FileName = jail.Bubblewrap;
            Add(info, bwrap);
        }
        else
        {
            info.FileName = "/bin/sh";
            Add(info, ["-c", JoinCgroupScript, cgroup.ProcsFile, jail.Bubblewrap, .. bwrap]);
        }

        return info;
    }

    private static void Add(ProcessStartInfo info, IEnumerable<string> arguments)
    {
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
    }

    private static async Task<int> ReleaseAsync(SandboxCgroup? cgroup, TimeProvider time) =>
        cgroup is null ? 0 : await cgroup.KillAllAsync(time).ConfigureAwait(false);

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        catch (Win32Exception)
        {
            // Already exiting; nothing more can be done.
        }
    }

    private static async Task PumpAsync(Stream source, MemoryStream sink, OutputBudget budget)
    {
        byte[] buffer = new byte[8192];
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                int keep = budget.Take(read);
                sink.Write(buffer, 0, keep);
            }
        }
        catch (IOException)
        {
            // The pipe broke because the process was killed.
        }
        catch (ObjectDisposedException)
        {
            // The process was disposed while reading.
        }
    }

    /// <summary>The shared byte budget of both pipes; past it, the process is stopped.</summary>
    private sealed class OutputBudget(int max, CancellationTokenSource overflow)
    {
        private readonly Lock _sync = new();
        private long _used;

        public int Take(int count)
        {
            bool over;
            int keep;
            lock (_sync)
            {
                long room = Math.Max(0, max + MaskSlack - _used);
                keep = (int)Math.Min(room, count);
                _used += count;
                over = _used > max;
            }

            if (over)
            {
                try
                {
                    overflow.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // The run is already over.
                }
            }

            return keep;
        }
    }
}
