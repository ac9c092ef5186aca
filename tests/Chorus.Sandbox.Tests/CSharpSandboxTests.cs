
namespace Chorus.Sandbox.Tests;

/// <summary>C# candidates are built with <c>dotnet build</c> in the throwaway directory: several seconds each, so these are marked slow.</summary>
[Trait("Category", "Slow")]
public class CSharpSandboxTests
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

    [ExternalToolFact("dotnet")]
    public async Task EvaluateAsync_CorrectCandidate_BuildsAndPasses()
    {
        var sandbox = new CodeSandbox(new SandboxOptions { IsolateNetwork = File.Exists("/usr/bin/unshare") });

        CodeEvaluation result = await sandbox.EvaluateAsync("public static class Solution { public static int Add(int a, int b) => a + b; }", Tests, CodeLanguage.CSharp, repetitions: 2)
            .WaitAsync(TimeSpan.FromMinutes(4));

        Assert.True(result.Passed, result.Detail);
        Assert.Equal(2, result.Runs.Count);
        Assert.Equal("ok\n", result.Runs[0].Output);
        Assert.NotNull(result.BuildDuration);
    }

    [ExternalToolFact("dotnet")]
    public async Task EvaluateAsync_CandidateThatDoesNotCompile_CompileFailedNamingTheError()
    {
        var sandbox = new CodeSandbox(new SandboxOptions { IsolateNetwork = File.Exists("/usr/bin/unshare") });

        CodeEvaluation result = await sandbox.EvaluateAsync("public static class Solution { public static int Add(int a, int b) => a + ; }", Tests, CodeLanguage.CSharp)
            .WaitAsync(TimeSpan.FromMinutes(4));

        Assert.Equal(SandboxStatus.CompileFailed, result.Status);
        Assert.Empty(result.Runs);
        Assert.True(result.Detail.Contains("Solution.cs", StringComparison.Ordinal) && result.Detail.Contains("error CS1525", StringComparison.Ordinal), result.Detail);
    }

    [ExternalToolFact("dotnet")]
    public async Task EvaluateAsync_UnboundedAllocation_MemoryExceededByTheGcHeapLimit()
    {
        var sandbox = new CodeSandbox(new SandboxOptions { IsolateNetwork = File.Exists("/usr/bin/unshare"), MemoryLimitBytes = 64L << 20 });
        const string code = "public static class Solution { public static int Add(int a, int b) { var keep = new List<byte[]>(); while (true) { keep.Add(new byte[1 << 20]); } } }";

        CodeEvaluation result = await sandbox.EvaluateAsync(code, Tests, CodeLanguage.CSharp).WaitAsync(TimeSpan.FromMinutes(4));

        Assert.True(result.Status == SandboxStatus.MemoryExceeded, result.Detail);
        Assert.StartsWith("hit the 64 MiB memory limit", result.Detail);
    }
}
