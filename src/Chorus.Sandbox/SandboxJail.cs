namespace Chorus.Sandbox;

/// <summary>How isolated runs are started: the <c>bwrap</c> executable, its fixed arguments, and how processes are counted.</summary>
/// <param name="Bubblewrap">The <c>bwrap</c> executable.</param>
/// <param name="Version">What <c>bwrap --version</c> said, e.g. <c>bubblewrap 0.8.0</c>.</param>
/// <param name="PidsCgroupRoot">A writable cgroup directory with the <c>pids</c> controller, under which each run gets its own group;
/// <see langword="null"/> when there is none and processes are limited by <c>RLIMIT_NPROC</c> inside the user namespace instead.</param>
internal sealed record SandboxJail(string Bubblewrap, string Version, string? PidsCgroupRoot)
{
    /// <summary>The uid and gid the candidate runs as inside its user namespace (<c>nobody</c>): no capabilities, owns nothing outside.</summary>
    public const string SandboxId = "65534";

    /// <summary>System paths bound read-only when they are directories, or recreated when they are symlinks (merged <c>/usr</c>).</summary>
    private static readonly string[] SystemPaths = ["/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"];

    /// <summary>
    /// The only files of <c>/etc</c> a runtime needs: the loader cache, <c>alternatives</c> symlinks, and the name-service files
    /// (the .NET SDK's restore hangs without <c>passwd</c>/<c>nsswitch.conf</c>). Never <c>/etc</c> itself: <c>shadow</c> and keys live there.
    /// </summary>
    private static readonly string[] EtcFiles =
        ["ld.so.cache", "ld.so.conf", "ld.so.conf.d", "alternatives", "passwd", "group", "hosts", "nsswitch.conf", "os-release", "localtime"];

    /// <summary>
    /// The namespace, identity and filesystem flags shared by every run: new user, PID, IPC, UTS, network, cgroup and mount namespaces; uid/gid
    /// 65534 with no capabilities and no nested user namespaces; a fresh <c>/proc</c>, a minimal <c>/dev</c>, a private tmpfs <c>/tmp</c>;
    /// <c>/usr</c> and a few <c>/etc</c> files read-only; killed with its parent; a new session (no terminal to inject keystrokes into); an empty environment.
    /// </summary>
    public static IReadOnlyList<string> BaseArguments()
    {
        List<string> args =
        [
            "--unshare-all", "--unshare-user", "--disable-userns", "--uid", SandboxId, "--gid", SandboxId, "--cap-drop", "ALL",
            "--hostname", "chorus-sandbox", "--die-with-parent", "--new-session", "--clearenv",
            "--ro-bind", "/usr", "/usr",
        ];
        foreach (string path in SystemPaths)
        {
            var info = new FileInfo(path);
            if (info.LinkTarget is { } target)
            {
                args.AddRange(["--symlink", target, path]);
            }
            else if (Directory.Exists(path))
            {
                args.AddRange(["--ro-bind", path, path]);
            }
        }

        foreach (string name in EtcFiles)
        {
            args.AddRange(["--ro-bind-try", "/etc/" + name, "/etc/" + name]);
        }

        args.AddRange(["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]);
        return args;
    }

    /// <summary>The complete <c>bwrap</c> arguments for one command: the base flags, the tool directories read-only, the work directory
    /// (the only writable place), the environment, then <c>bash -c script</c> that applies the ulimits and execs the command.</summary>
    public static IReadOnlyList<string> ArgumentsFor(ProcessSpec spec, string limitScript)
    {
        List<string> args = [.. BaseArguments()];
        foreach (string path in spec.ReadOnlyPaths)
        {
            args.AddRange(["--ro-bind", path, path]);
        }

        args.AddRange(["--bind", spec.WorkingDirectory, spec.WorkingDirectory, "--chdir", spec.WorkingDirectory]);
        foreach ((string key, string value) in spec.Environment)
        {
            args.AddRange(["--setenv", key, value]);
        }

        args.AddRange(["--", "/bin/bash", "-c", limitScript, "chorus-sandbox", spec.FileName]);
        args.AddRange(spec.Arguments);
        return args;
    }
}
