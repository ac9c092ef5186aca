using System.Net;
using System.Net.Sockets;

namespace Chorus.Sandbox.Tests;

/// <summary>Real processes: each candidate runs in python3 under the sandbox's limits.</summary>
public class PythonSandboxTests
{
    private const string Tests = "from solution import add\nassert add(2, 3) == 5, 'add(2, 3) should be 5'\nprint('ok')\n";

    [IsolationFact]
    public async Task EvaluateAsync_CorrectCandidate_PassesEveryRunIsolated()
    {
        var sandbox = new CodeSandbox();

        CodeEvaluation result = await sandbox.EvaluateAsync("def add(a, b):\n    return a + b\n", Tests, CodeLanguage.Python, repetitions: 3);

        Assert.Equal(SandboxStatus.Passed, result.Status);
        Assert.Equal(3, result.Runs.Count);
        Assert.All(result.Runs, r => Assert.Equal("ok\n", r.Output));
        Assert.NotNull(result.MedianRuntime);
        Assert.True(result.NetworkIsolated);
        Assert.StartsWith("passed 3 of 3 runs; median ", result.Detail);
    }

    [IsolationFact]
    public async Task EvaluateAsync_WrongCandidate_TestsFailedWithTheAssertion()
    {
        CodeEvaluation result = await new CodeSandbox().EvaluateAsync("def add(a, b):\n    return a - b\n", Tests, CodeLanguage.Python, repetitions: 3);

        Assert.Equal(SandboxStatus.TestsFailed, result.Status);
        Assert.Single(result.Runs);   // a failing candidate is not run again
        Assert.Null(result.MedianRuntime);
        Assert.Equal("tests failed (exit 1): AssertionError: add(2, 3) should be 5", result.Detail);
    }

    [IsolationFact]
    public async Task EvaluateAsync_InfiniteLoopWithDetachedChild_TimedOutAndWholeTreeKilled()
    {
        string marker = "98765" + Environment.ProcessId % 1000;
        string code = $"import subprocess\nsubprocess.Popen(['setsid', 'sleep', '{marker}'])\nwhile True:\n    pass\n";
        var sandbox = new CodeSandbox(new SandboxOptions { WallTimeout = TimeSpan.FromSeconds(1) });

        CodeEvaluation result = await sandbox.EvaluateAsync(code, Tests, CodeLanguage.Python).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(SandboxStatus.TimedOut, result.Status);
        Assert.Null(result.Runs[0].ExitCode);
        Assert.Equal("exceeded the 1 s wall-time limit; process tree killed", result.Detail);
        Assert.Empty(ProcessesWith("sleep", marker));   // the detached grandchild died with the PID namespace
    }

    [IsolationFact]
    public async Task EvaluateAsync_UnboundedAllocation_MemoryExceeded()
    {
        string code = "chunks = []\nwhile True:\n    chunks.append(bytearray(16 * 1024 * 1024))\n";
        var sandbox = new CodeSandbox(new SandboxOptions { MemoryLimitBytes = 128L << 20 });

        CodeEvaluation result = await sandbox.EvaluateAsync(code, Tests, CodeLanguage.Python).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(SandboxStatus.MemoryExceeded, result.Status);
        Assert.StartsWith("hit the 128 MiB memory limit (exit 1): MemoryError", result.Detail);
    }

    [IsolationFact]
    public async Task EvaluateAsync_UnboundedOutput_StoppedAtTheLimit()
    {
        var sandbox = new CodeSandbox(new SandboxOptions { MaxOutputBytes = 4096 });

        CodeEvaluation result = await sandbox.EvaluateAsync("while True:\n    print('x' * 1000)\n", Tests, CodeLanguage.Python).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(SandboxStatus.OutputExceeded, result.Status);
        Assert.True(result.Runs[0].Output.Length <= 4096, $"kept {result.Runs[0].Output.Length} bytes");
        Assert.Equal("wrote more than 4096 bytes of output; process tree killed", result.Detail);
    }

    [IsolationFact]
    public async Task EvaluateAsync_CandidateTriesTheNetwork_NetworkDeniedAndNothingArrives()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        string code = $"import socket\nsocket.create_connection(('127.0.0.1', {port}), timeout=2).sendall(b'leak')\ndef add(a, b):\n    return a + b\n";

        CodeEvaluation result = await new CodeSandbox().EvaluateAsync(code, Tests, CodeLanguage.Python).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(SandboxStatus.NetworkDenied, result.Status);
        Assert.Contains("Connection refused", result.Detail);   // the sandbox's own loopback: nothing listens there
        Assert.False(listener.Pending());
    }

    [IsolationFact]
    public async Task EvaluateAsync_CandidateReadsEnvironment_SeesNoneOfOurs()
    {
        Environment.SetEnvironmentVariable("CHORUS_SANDBOX_TEST_SECRET", "sk-do-not-leak");
        string code = "import os\nprint(sorted(os.environ.items()))\nprint(os.getcwd())\ndef add(a, b):\n    return a + b\n";

        CodeEvaluation result = await new CodeSandbox().EvaluateAsync(code, Tests, CodeLanguage.Python);

        Assert.Equal(SandboxStatus.Passed, result.Status);
        Assert.DoesNotContain("sk-do-not-leak", result.Runs[0].Output);
        string workDirectory = result.Runs[0].Output.Split('\n')[1];
        Assert.Contains("chorus-sandbox-", workDirectory);
        Assert.False(Directory.Exists(workDirectory));   // the throwaway directory is gone
    }

    [Fact]
    public async Task EvaluateAsync_NoCode_NoCodeWithoutRunning()
    {
        CodeEvaluation result = await new CodeSandbox(new SandboxOptions { BubblewrapPath = "/nonexistent/bwrap" }).EvaluateAsync(null, Tests, CodeLanguage.Python);

        Assert.Equal(SandboxStatus.NoCode, result.Status);
        Assert.Empty(result.Runs);
        Assert.Equal("no code block in the reply", result.Detail);
    }

    private static List<int> ProcessesWith(string name, string argument)
    {
        var found = new List<int>();
        foreach (string directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out int pid))
            {
                continue;
            }

            try
            {
                string[] args = File.ReadAllText(Path.Combine(directory, "cmdline")).Split('\0');
                if (args.Length > 1 && args[0].EndsWith(name, StringComparison.Ordinal) && args.Contains(argument))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to read.
            }
        }

        return found;
    }
}
