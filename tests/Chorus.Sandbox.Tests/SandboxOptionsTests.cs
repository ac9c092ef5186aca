namespace Chorus.Sandbox.Tests;

public class SandboxOptionsTests
{
    [Fact]
    public void Defaults_ArePinned()
    {
        var options = new SandboxOptions();

        Assert.Equal(TimeSpan.FromSeconds(10), options.WallTimeout);
        Assert.Equal(TimeSpan.FromMinutes(3), options.CompileTimeout);
        Assert.Equal(256L << 20, options.MemoryLimitBytes);
        Assert.Equal(64 * 1024, options.MaxOutputBytes);
        Assert.Equal(128, options.MaxProcesses);
        Assert.False(options.AllowUnsandboxed);
        Assert.Null(options.BubblewrapPath);
        Assert.Null(options.RedactOutput);
        Assert.Null(options.PythonPath);
        Assert.Null(options.DotnetPath);
        Assert.Null(options.WorkRoot);
        Assert.Null(options.TimeProvider);
    }

    [Fact]
    public void Setters_RejectBadValues()
    {
        var options = new SandboxOptions();

        Assert.Throws<ArgumentOutOfRangeException>(() => options.WallTimeout = TimeSpan.Zero);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.CompileTimeout = TimeSpan.FromSeconds(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => options.MemoryLimitBytes = 1 << 20);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxOutputBytes = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxProcesses = 15);
    }

    [Fact]
    public void CodeBestOfOptions_DefaultsAndValidation_ArePinned()
    {
        var options = new CodeBestOfOptions();

        Assert.Equal(string.Empty, options.Tests);
        Assert.Equal(CodeLanguage.Python, options.Language);
        Assert.Equal(3, options.Repetitions);
        Assert.Equal(0.1, options.RuntimeTolerance);
        Assert.Null(options.Sandbox);
        Assert.Null(options.Reviewer);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.Repetitions = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.RuntimeTolerance = double.NaN);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.Language = (CodeLanguage)9);
        var ex = Assert.Throws<ArgumentException>(() => new CodeBestOfAggregator(options));
        Assert.StartsWith("Tests must hold the tests to run against every candidate; it was blank.", ex.Message);
    }

    [Fact]
    public void LimitScript_AppliesEveryLimitThenExecs()
    {
        var spec = new ProcessSpec("python3", [], "/tmp", new Dictionary<string, string>(), 262144, 64, 11, 128, [], TimeSpan.FromSeconds(10), 65536);

        Assert.Equal("ulimit -v 262144 && ulimit -f 64 && ulimit -t 11 && exec \"$@\"", SandboxProcess.LimitScript(spec, limitProcesses: false));
        Assert.Equal("ulimit -v 262144 && ulimit -f 64 && ulimit -t 11 && ulimit -u 128 && exec \"$@\"", SandboxProcess.LimitScript(spec, limitProcesses: true));
    }
}
