using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Chorus.Sandbox;

/// <summary>Starts one limited process (through <c>bash</c>'s <c>ulimit</c>, inside <c>unshare</c> when isolated), caps its output, enforces its wall time and kills its whole tree.</summary>
internal static class SandboxProcess
{
    // How long to wait for the output pipes to close after the process exits or is killed; a stray grandchild outside
    // the PID namespace (only possible without isolation) could otherwise hold them open forever.
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(2);

    public static async Task<ProcessResult> RunAsync(ProcessSpec spec, TimeProvider time, CancellationToken cancellationToken)
    {
        using var process = new Process { StartInfo = CreateStartInfo(spec) };
        using var timeout = new CancellationTokenSource(spec.Timeout, time);
        using var overflow = new CancellationTokenSource();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token, overflow.Token);
        var budget = new OutputBudget(spec.MaxOutputBytes, overflow);
        long started = time.GetTimestamp();
        try
        {
            if (!process.Start())
            {
                return new ProcessResult(null, false, false, TimeSpan.Zero, string.Empty, string.Empty, $"'{spec.FileName}' did not start.");
            }
        }
        catch (Win32Exception ex)
        {
            return new ProcessResult(null, false, false, TimeSpan.Zero, string.Empty, string.Empty, $"'{spec.FileName}' could not be started: {ex.Message}");
        }

        process.StandardInput.Close();
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        Task readers = Task.WhenAll(
            PumpAsync(process.StandardOutput.BaseStream, stdout, budget),
            PumpAsync(process.StandardError.BaseStream, stderr, budget));
        bool killed = false;
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

        TimeSpan duration = time.GetElapsedTime(started);
        await Task.WhenAny(readers, Task.Delay(DrainGrace, time, CancellationToken.None)).ConfigureAwait(false);
        if (!readers.IsCompleted)
        {
            Kill(process);
        }

        cancellationToken.ThrowIfCancellationRequested();
        bool overflowed = overflow.IsCancellationRequested;
        bool timedOut = killed && !overflowed && timeout.IsCancellationRequested;
        return new ProcessResult(killed ? null : process.ExitCode, timedOut, overflowed, duration, Decode(stdout), Decode(stderr), null);
    }

    /// <summary>The bash script that applies the limits and then becomes the command (<c>exec "$@"</c>).</summary>
    internal static string LimitScript(ProcessSpec spec)
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

        script.Append("exec \"$@\"");
        return script.ToString();
    }

    private static ProcessStartInfo CreateStartInfo(ProcessSpec spec)
    {
        var info = new ProcessStartInfo
        {
            FileName = spec.Isolate ? "unshare" : "bash",
            WorkingDirectory = spec.WorkingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        if (spec.Isolate)
        {
            // A private network namespace (no interfaces but a down loopback) and a PID namespace whose init is killed with unshare,
            // so every process the candidate starts, even a detached one, dies with it.
            foreach (string arg in (ReadOnlySpan<string>)["--net", "--pid", "--fork", "--kill-child", "--", "bash"])
            {
                info.ArgumentList.Add(arg);
            }
        }

        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(LimitScript(spec));
        info.ArgumentList.Add("chorus-sandbox");
        info.ArgumentList.Add(spec.FileName);
        foreach (string arg in spec.Arguments)
        {
            info.ArgumentList.Add(arg);
        }

        // Never pass our environment (API keys) to model-written code: start from nothing.
        info.Environment.Clear();
        foreach ((string key, string value) in spec.Environment)
        {
            info.Environment[key] = value;
        }

        return info;
    }

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

    private static string Decode(MemoryStream stream) => Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);

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
                long room = Math.Max(0, max - _used);
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
