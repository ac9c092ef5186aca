namespace Chorus.Sandbox.Tests;

/// <summary>
/// Adversarial C# candidates (issue 14), the twins of <see cref="PythonAttackTests"/>: each is built and run in the sandbox and must be
/// contained, reported with the right status, leak no part of the parent's API key, and leave no process carrying its marker behind.
/// </summary>
/// <remarks>Each case builds a project (several seconds), so these are marked slow.</remarks>
[Trait("Category", "Slow")]
public class CSharpAttackTests
{
    private const string Tests =
        """
        if (Solution.Add(2, 3) != 5)
        {
            Console.Error.WriteLine("Add(2, 3) should be 5");
            return 1;
        }

        Console.WriteLine("ok");
        return 0;
        """;

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
        var sandbox = new CodeSandbox(new SandboxOptions { WallTimeout = TimeSpan.FromSeconds(5), MemoryLimitBytes = 256L << 20, MaxProcesses = 64 });

        CodeEvaluation result = await sandbox.EvaluateAsync(Code(attack, kit), Tests, CodeLanguage.CSharp).WaitAsync(TimeSpan.FromMinutes(4));

        // .NET reports a Unix socket path that is not there as AddressNotAvailable ("Cannot assign requested address"): a network denial.
        bool socketDenied = attack.EndsWith("socket", StringComparison.Ordinal) && result.Status == SandboxStatus.NetworkDenied;
        Assert.True(expected == result.Status || socketDenied, $"{attack}: expected {expected}, got {result.Status}: {result.Detail}");
        Assert.True(result.NetworkIsolated);
        kit.AssertNoSecret(result);
        Assert.Empty(kit.Survivors());
        Assert.False(kit.AnyConnection());
        Assert.False(File.Exists(kit.WriteTarget));
        string output = result.Runs.Count > 0 ? result.Runs[0].Output : string.Empty;
        switch (attack)
        {
            case "environment":
                Assert.All(output.Split('\n')[0].Split(','), name => Assert.Contains(name, AttackKit.SandboxVariables));
                break;
            case "proc-environ":
                Assert.Contains($"/proc/{kit.KeyHolderPid}/environ denied", output);
                Assert.StartsWith("pids 1,2\n", output);
                break;
        }
    }

    private static string Code(string attack, AttackKit kit)
    {
        string body = attack switch
        {
            "environment" => "Console.WriteLine(string.Join(\",\", Environment.GetEnvironmentVariables().Keys.Cast<string>().Order(StringComparer.Ordinal)));",
            "proc-environ" =>
                $$"""
                int[] pids = [.. Directory.GetDirectories("/proc").Select(Path.GetFileName).Where(n => n!.All(char.IsDigit)).Select(int.Parse!).Order()];
                Console.WriteLine("pids " + string.Join(",", pids));
                foreach (string path in new[] { "/proc/self/environ", "/proc/1/environ", "/proc/{{kit.KeyHolderPid}}/environ" }.Concat(pids.Select(p => $"/proc/{p}/environ")))
                {
                    try { Console.WriteLine(path + " " + File.ReadAllText(path)); }
                    catch (Exception e) { Console.WriteLine(path + " denied " + e.GetType().Name); }
                }
                """,
            "etc-shadow" => "Console.WriteLine(File.ReadAllText(\"/etc/shadow\"));",
            "journal" => $"Console.WriteLine(File.ReadAllText(\"{kit.Journal}\"));",
            "repository" => $"Console.WriteLine(File.ReadAllText(\"{kit.RepoRoot}/README.md\"));",
            "home" => $"Console.WriteLine(File.ReadAllText(\"{kit.HomeFile}\"));",
            "write-outside" => $"File.WriteAllText(\"{kit.WriteTarget}\", \"pwned\");",
            "tcp-loopback" => $"using var client = new System.Net.Sockets.TcpClient(); client.Connect(\"127.0.0.1\", {kit.TcpPort});",
            "unix-socket" => Unix(kit.UnixSocketPath),
            "diagnostics-socket" => Unix(kit.DiagnosticsSocket),
            "fork-bomb" => $"System.Diagnostics.Process.Start(\"/bin/bash\", new[] {{ \"-c\", \"b() {{ b | b; }}; b # {kit.Marker}\" }})!.WaitForExit();",
            "allocate-4gb" => "long[] block = new long[512L * 1024 * 1024]; GC.KeepAlive(block);",
            "infinite-loop" => $"System.Diagnostics.Process.Start(\"/bin/sleep\", \"{kit.Marker}\"); while (true) {{ }}",
            "stdout-100mb" => "string mb = new('x', 1024 * 1024); for (int i = 0; i < 100; i++) { Console.Out.Write(mb); }",
            "double-fork-daemon" => $"System.Diagnostics.Process.Start(\"/bin/sh\", new[] {{ \"-c\", \"setsid sleep {kit.Marker} >/dev/null 2>&1 </dev/null &\" }})!.WaitForExit();",
            "sleep-past-limit" => $"System.Diagnostics.Process.Start(\"/bin/sleep\", \"{kit.Marker}\"); Thread.Sleep(Timeout.Infinite);",
            _ => throw new ArgumentOutOfRangeException(nameof(attack), attack, "unknown attack"),
        };
        return $"public static class Solution\n{{\n    public static int Add(int a, int b)\n    {{\n        Attack();\n        return a + b;\n    }}\n\n    private static void Attack()\n    {{\n{body}\n    }}\n}}\n";
    }

    private static string Unix(string path) =>
        "using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);"
        + $" socket.Connect(new System.Net.Sockets.UnixDomainSocketEndPoint(\"{path}\")); socket.Send(\"DOTNET_IPC_V1\"u8);";
}
