using System.Globalization;

namespace Chorus.Sandbox;

/// <summary>One run's own cgroup with the <c>pids</c> controller: caps how many processes and threads the run may have, tells whether it hit
/// the cap, and lets the sandbox kill every process of the run and prove none is left.</summary>
internal sealed class SandboxCgroup
{
    private SandboxCgroup(string path) => Path = path;

    /// <summary>Gets the group's directory.</summary>
    public string Path { get; }

    /// <summary>Gets the file a process writes its pid into to join the group (before it starts anything).</summary>
    public string ProcsFile => System.IO.Path.Combine(Path, "cgroup.procs");

    /// <summary>Finds a writable <c>pids</c> hierarchy (cgroup v1 <c>/sys/fs/cgroup/pids</c>); <see langword="null"/> when there is none.</summary>
    public static string? FindRoot()
    {
        const string v1 = "/sys/fs/cgroup/pids";
        if (!File.Exists(System.IO.Path.Combine(v1, "cgroup.procs")))
        {
            return null;
        }

        string probe = System.IO.Path.Combine(v1, "chorus-probe-" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture));
        try
        {
            Directory.CreateDirectory(probe);
            Directory.Delete(probe);
            return v1;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Creates a group for one run with <paramref name="maxProcesses"/> as its <c>pids.max</c>.</summary>
    public static SandboxCgroup Create(string root, int maxProcesses)
    {
        string path = System.IO.Path.Combine(root, "chorus-sandbox-" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(path);
        File.WriteAllText(System.IO.Path.Combine(path, "pids.max"), maxProcesses.ToString(CultureInfo.InvariantCulture));
        return new SandboxCgroup(path);
    }

    /// <summary>Gets a value indicating whether a fork or thread creation was refused because the group was at its limit.</summary>
    public bool LimitHit()
    {
        try
        {
            foreach (string line in File.ReadAllLines(System.IO.Path.Combine(Path, "pids.events")))
            {
                string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length == 2 && parts[0] == "max" && long.TryParse(parts[1], CultureInfo.InvariantCulture, out long count))
                {
                    return count > 0;
                }
            }
        }
        catch (IOException)
        {
            // No events file: nothing to report.
        }

        return false;
    }

    /// <summary>Kills every process in the group until it is empty, then removes the group.</summary>
    /// <returns>How many processes were still in the group at the end (0 proves nothing of the run survived).</returns>
    public async Task<int> KillAllAsync(TimeProvider time)
    {
        // A process forked between reading the list and the kill joins the group too, so repeat until the list stays empty.
        for (int attempt = 0; attempt < 200; attempt++)
        {
            int[] pids = ReadPids();
            if (pids.Length == 0)
            {
                TryRemove();
                return 0;
            }

            foreach (int pid in pids)
            {
                try
                {
                    using var process = System.Diagnostics.Process.GetProcessById(pid);
                    process.Kill();
                }
                catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
                {
                    // Already gone.
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10), time, CancellationToken.None).ConfigureAwait(false);
        }

        int left = ReadPids().Length;
        if (left == 0)
        {
            TryRemove();
        }

        return left;
    }

    private int[] ReadPids()
    {
        try
        {
            return [.. File.ReadAllLines(ProcsFile).Where(l => l.Length > 0).Select(l => int.Parse(l, CultureInfo.InvariantCulture))];
        }
        catch (IOException)
        {
            return [];
        }
    }

    private void TryRemove()
    {
        try
        {
            Directory.Delete(Path);
        }
        catch (IOException)
        {
            // Still busy for a moment (zombies being reaped); an empty group costs nothing.
        }
    }
}
