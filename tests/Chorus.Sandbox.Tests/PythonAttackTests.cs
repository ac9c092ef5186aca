namespace Chorus.Sandbox.Tests;

/// <summary>
/// Adversarial Python candidates (issue 14): each tries one way out of the sandbox. Every one must be contained, reported with the right
/// status, leak no part of the parent's API key, and leave no process carrying its marker behind.
/// </summary>
public class PythonAttackTests
{
    private const string Tests = "from solution import add\nassert add(2, 3) == 5, 'add(2, 3) should be 5'\nprint('ok')\n";
    private const string Add = "\ndef add(a, b):\n    return a + b\n";

    [IsolationTheory]
    [InlineData("environment", SandboxStatus.Passed)]
    [InlineData("proc-environ", SandboxStatus.Passed)]
    [InlineData("etc-shadow", SandboxStatus.AccessDenied)]
    [InlineData("journal", SandboxStatus.AccessDenied)]
    [InlineData("repository", SandboxStatus.AccessDenied)]
    [InlineData("home", SandboxStatus.AccessDenied)]
    [InlineData("write-outside", SandboxStatus.AccessDenied)]
    [InlineData("tcp-loopback", SandboxStatus.NetworkDenied)]
    [InlineData("unix-socket", SandboxStatus.AccessDenied)]
    [InlineData("diagnostics-socket", SandboxStatus.AccessDenied)]
    [InlineData("fork-bomb", SandboxStatus.ProcessLimitExceeded)]
    [InlineData("allocate-4gb", SandboxStatus.MemoryExceeded)]
    [InlineData("infinite-loop", SandboxStatus.TimedOut)]
    [InlineData("stdout-100mb", SandboxStatus.OutputExceeded)]
    [InlineData("double-fork-daemon", SandboxStatus.Passed)]
    [InlineData("sleep-past-limit", SandboxStatus.TimedOut)]
    public async Task EvaluateAsync_Attack_ContainedWithItsStatusAndNothingLeftBehind(string attack, SandboxStatus expected)
    {
        using var kit = new AttackKit();
        var sandbox = new CodeSandbox(new SandboxOptions { WallTimeout = TimeSpan.FromSeconds(3), MemoryLimitBytes = 256L << 20, MaxProcesses = 64 });

        CodeEvaluation result = await sandbox.EvaluateAsync(Code(attack, kit), Tests, CodeLanguage.Python).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.True(expected == result.Status, $"{attack}: expected {expected}, got {result.Status}: {result.Detail}");
        Assert.True(result.NetworkIsolated);
        kit.AssertNoSecret(result);
        Assert.Empty(kit.Survivors());
        Assert.False(kit.AnyConnection());
        Assert.False(File.Exists(kit.WriteTarget));
        string output = result.Runs.Count > 0 ? result.Runs[0].Output : string.Empty;
        switch (attack)
        {
            case "environment":
                // Only what the sandbox set (and bash's own PWD/SHLVL/_), nothing of ours.
                Assert.All(output.Split('\n')[0].Split(','), name => Assert.Contains(name, AttackKit.SandboxVariables));
                break;
            case "proc-environ":
                Assert.Contains($"/proc/{kit.KeyHolderPid}/environ denied", output);
                Assert.StartsWith("pids 1,2", output);   // bwrap's init and the candidate: a fresh /proc shows nothing else
                break;
            case "etc-shadow":
                Assert.DoesNotContain("root:", output);
                break;
        }
    }

    private static string Code(string attack, AttackKit kit) => attack switch
    {
        "environment" => "import os\nprint(','.join(sorted(os.environ)))\nprint(os.environ)" + Add,
        "proc-environ" =>
            $$"""
            import os
            pids = sorted(int(p) for p in os.listdir('/proc') if p.isdigit())
            print('pids ' + ','.join(map(str, pids)))
            for path in ['/proc/self/environ', '/proc/1/environ', '/proc/{{kit.KeyHolderPid}}/environ'] + ['/proc/%d/environ' % p for p in pids]:
                try:
                    print(path, open(path, 'rb').read())
                except OSError as e:
                    print(path, 'denied', e)
            """ + Add,
        "etc-shadow" => "print(open('/etc/shadow').read())" + Add,
        "journal" => $"print(open('{kit.Journal}').read())" + Add,
        "repository" => $"print(open('{kit.RepoRoot}/README.md').read()[:200])" + Add,
        "home" => $"import os\nprint(os.listdir('{kit.Home}'))\nprint(open('{kit.HomeFile}').read())" + Add,
        "write-outside" => $"open('{kit.WriteTarget}', 'w').write('pwned')" + Add,
        "tcp-loopback" => $"import socket\nsocket.create_connection(('127.0.0.1', {kit.TcpPort}), timeout=2).sendall(b'leak')" + Add,
        "unix-socket" => $"import socket\ns = socket.socket(socket.AF_UNIX)\ns.connect('{kit.UnixSocketPath}')\ns.sendall(b'leak')" + Add,
        "diagnostics-socket" => $"import socket\ns = socket.socket(socket.AF_UNIX)\ns.connect('{kit.DiagnosticsSocket}')\ns.sendall(b'DOTNET_IPC_V1')" + Add,
        "fork-bomb" => $"import os\nos.execv('/bin/bash', ['bash', '-c', 'b() {{ b | b; }}; b # {kit.Marker}'])" + Add,
        "allocate-4gb" => "block = bytearray(4 * 1024 * 1024 * 1024)" + Add,
        "infinite-loop" => $"import os\nos.execv('/bin/bash', ['bash', '-c', 'while :; do :; done # {kit.Marker}'])" + Add,
        "stdout-100mb" => "import sys\nfor _ in range(100):\n    sys.stdout.write('x' * (1024 * 1024))" + Add,
        "double-fork-daemon" =>
            $$"""
            import os
            if os.fork() == 0:
                os.setsid()
                if os.fork() == 0:
                    os.execv('/bin/sleep', ['sleep', '{{kit.Marker}}'])
                os._exit(0)
            """ + Add,
        "sleep-past-limit" => $"import os\nos.execv('/bin/sleep', ['sleep', '{kit.Marker}'])" + Add,
        _ => throw new ArgumentOutOfRangeException(nameof(attack), attack, "unknown attack"),
    };
}
