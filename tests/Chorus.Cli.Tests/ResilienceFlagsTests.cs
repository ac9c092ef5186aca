using Chorus.Cli.Configuration;
using Chorus.Cli.PlanFiles;

namespace Chorus.Cli.Tests;

/// <summary>hedge: / attempt_timeout_s: in chorus.yaml and plan files, and the --hedge / --attempt-timeout flags (issue 13).</summary>
public sealed class ResilienceFlagsTests
{
    [Fact]
    public void Load_ChorusYamlHedgeAndAttemptTimeout_ReadAndFlagsWin()
    {
        using var dir = new TempDirectory();
        dir.Write("chorus.yaml", "hedge: off\nattempt_timeout_s: 10\n");
        var cli = new CliHarness { WorkingDirectory = dir.Path };

        ChorusConfig file = ConfigLoader.Load(cli.Environment, new ConfigFlags(null, null, null, null));
        ChorusConfig flags = ConfigLoader.Load(cli.Environment, new ConfigFlags(null, null, null, null, Hedge: true, AttemptTimeout: TimeSpan.FromSeconds(3)));

        Assert.False(file.Hedge);
        Assert.Equal(TimeSpan.FromSeconds(10), file.AttemptTimeout);
        Assert.Equal("chorus.yaml", file.SourceOf("hedge"));
        Assert.True(flags.Hedge);
        Assert.Equal(TimeSpan.FromSeconds(3), flags.Connection.AttemptTimeout);
        Assert.Equal("--hedge", flags.SourceOf("hedge"));
        Assert.Equal("--attempt-timeout", flags.SourceOf("attempt_timeout_s"));
    }

    [Fact]
    public void Load_NothingSet_DefaultsLeftToTheLibrary()
    {
        using var dir = new TempDirectory();
        ChorusConfig config = ConfigLoader.Load(new CliHarness { WorkingDirectory = dir.Path }.Environment, new ConfigFlags(null, null, null, null));

        Assert.Null(config.Hedge);
        Assert.Null(config.AttemptTimeout);
    }

    [Fact]
    public void Read_PlanWithHedgeAndAttemptTimeout_Read()
    {
        using var dir = new TempDirectory();
        string path = dir.Write("plan.yaml", "hedge: on\nattempt_timeout_s: 2.5\naggregator: majority\nbranches:\n  - { label: a, prompt: What is 2 + 2?, repeat: 3 }\n");

        PlanSpec spec = PlanFileReader.Read(path, "plan.yaml");

        Assert.True(spec.Hedge);
        Assert.Equal(TimeSpan.FromSeconds(2.5), spec.AttemptTimeout);
    }

    [Theory]
    [InlineData("--hedge", "maybe")]
    [InlineData("--attempt-timeout", "0")]
    public async Task Vote_InvalidResilienceFlag_UsageError(string flag, string value)
    {
        (int exit, _) = await CliHarness.RunAsync("vote", "What is 2 + 2?", "--samples", "3", flag, value);

        Assert.Equal(1, exit);
    }

    [Theory]
    [InlineData("off")]
    [InlineData("on")]
    public async Task Vote_HedgeAndAttemptTimeout_Accepted(string hedge)
    {
        (int exit, _) = await CliHarness.RunAsync("vote", "What is 2 + 2?", "--samples", "3", "--hedge", hedge, "--attempt-timeout", "30", "--json");

        Assert.Equal(0, exit);
    }
}
