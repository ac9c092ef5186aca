using System.Text;
using Chorus.Recipes;

namespace Chorus.Sandbox.Tests;

/// <summary>Refusing without isolation, the explicit way out, and masking before truncation.</summary>
public class SandboxRefusalAndMaskingTests
{
    private const string Tests = "from solution import add\nassert add(2, 3) == 5\n";

    [Fact]
    public async Task EvaluateAsync_NoBubblewrap_RefusedNamingTheMissingPieceWithoutRunning()
    {
        var sandbox = new CodeSandbox(new SandboxOptions { BubblewrapPath = "/nonexistent/bwrap" });

        SandboxIsolation isolation = await sandbox.GetIsolationAsync();
        CodeEvaluation result = await sandbox.EvaluateAsync("def add(a, b):\n    return a + b\n", Tests, CodeLanguage.Python);

        Assert.False(isolation.Available);
        Assert.Equal("none", isolation.Name);
        Assert.Equal(SandboxStatus.Refused, result.Status);
        Assert.Empty(result.Runs);
        Assert.False(result.NetworkIsolated);
        Assert.Equal(
            "refused to run model-written code without isolation: bubblewrap ('/nonexistent/bwrap') is not installed (Debian/Ubuntu: apt-get install bubblewrap); allow unsandboxed runs explicitly to run it anyway",
            result.Detail);
    }

    [Theory]
    [InlineData(CodeLanguage.Python)]
    [InlineData(CodeLanguage.CSharp)]
    public async Task EvaluateAsync_NoBubblewrapAndLanguage_RefusedBeforeAnyBuild(CodeLanguage language)
    {
        var sandbox = new CodeSandbox(new SandboxOptions { BubblewrapPath = "/nonexistent/bwrap" });

        CodeEvaluation result = await sandbox.EvaluateAsync("anything", "tests", language);

        Assert.Equal(SandboxStatus.Refused, result.Status);
        Assert.Null(result.BuildDuration);
    }

    [IsolationFact]
    public async Task EvaluateAsync_NoBubblewrapButAllowUnsandboxed_RunsAndSaysItWasNotIsolated()
    {
        var sandbox = new CodeSandbox(new SandboxOptions { BubblewrapPath = "/nonexistent/bwrap", AllowUnsandboxed = true });

        SandboxIsolation isolation = await sandbox.GetIsolationAsync();
        CodeEvaluation result = await sandbox.EvaluateAsync("def add(a, b):\n    return a + b\n", Tests, CodeLanguage.Python);

        Assert.Equal("none (unsandboxed runs allowed)", isolation.Name);
        Assert.Equal(SandboxStatus.Passed, result.Status);
        Assert.False(result.NetworkIsolated);
    }

    [IsolationFact]
    public async Task GetIsolationAsync_Bubblewrap_NamesItsVersion()
    {
        SandboxIsolation isolation = await new CodeSandbox().GetIsolationAsync();

        Assert.True(isolation.Available);
        Assert.StartsWith("bubblewrap ", isolation.Name);
        Assert.StartsWith("bubblewrap ", isolation.Describe());
        Assert.Contains("uid 65534", isolation.Note);
    }

    [Fact]
    public void Finish_SecretStraddlesTheCut_MaskedBeforeCutting()
    {
        const string Secret = "sk-test-0123456789";
        using MemoryStream captured = Captured(new string('x', 4086) + Secret + "tail");

        string kept = SandboxProcess.Finish(captured, text => text.Replace(Secret, "***", StringComparison.Ordinal), maxOutputBytes: 4096);

        Assert.Equal(new string('x', 4086) + "***tail", kept);
    }

    [Fact]
    public void Finish_NoMask_CutsAtTheLimit()
    {
        using MemoryStream captured = Captured(new string('y', 5000));

        Assert.Equal(new string('y', 4096), SandboxProcess.Finish(captured, null, maxOutputBytes: 4096));
    }

    /// <summary>A stream as the pumps fill it (expandable, so its buffer is readable).</summary>
    private static MemoryStream Captured(string text)
    {
        var stream = new MemoryStream();
        stream.Write(Encoding.UTF8.GetBytes(text));
        return stream;
    }

    [IsolationFact]
    public async Task EvaluateAsync_CandidatePrintsASecretPastTheLimit_MaskedBeforeTruncation()
    {
        const string Secret = "sk-test-0123456789";
        string code = $"import sys\nsys.stdout.write('x' * 4086 + '{Secret}')\nsys.stderr.write('{Secret}\\n')\nsys.stdout.write('y' * 100000)\n";
        var sandbox = new CodeSandbox(new SandboxOptions { MaxOutputBytes = 4096, RedactOutput = text => text.Replace(Secret, "***", StringComparison.Ordinal) });

        CodeEvaluation result = await sandbox.EvaluateAsync(code, Tests, CodeLanguage.Python).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(SandboxStatus.OutputExceeded, result.Status);
        Assert.DoesNotContain("sk-test-", result.Runs[0].Output + result.Runs[0].Errors + result.Detail);
        Assert.StartsWith(new string('x', 4086) + "***", result.Runs[0].Output);
    }
}
