using System.Text.Json;

namespace Chorus.Cli.Tests;

/// <summary>The journal and spend-cap flags (from JournalFlags) on the run verbs, end to end.</summary>
public class JournalRunTests
{
    [Fact]
    public async Task Map_RunTwiceOnOneJournal_TheSecondRunReplaysEverythingAndCallsNothing()
    {
        using var dir = new TempDirectory();
        dir.Write("a.md", "Revenue rose twelve percent.");
        dir.Write("b.md", "The outage lasted 38 minutes.");
        var first = new CliHarness { WorkingDirectory = dir.Path };
        var second = new CliHarness { WorkingDirectory = dir.Path };

        int exit1 = await first.InvokeAsync(["map", "*.md", "--journal", "runs.db", "--json"]);
        int exit2 = await second.InvokeAsync(["map", "*.md", "--journal", "runs.db", "--json"]);

        Assert.Equal((0, 0), (exit1, exit2));
        using JsonDocument one = JsonDocument.Parse(first.Output.ToString());
        using JsonDocument two = JsonDocument.Parse(second.Output.ToString());
        Assert.Equal(0, one.RootElement.GetProperty("replayed").GetInt32());
        Assert.Equal(2, two.RootElement.GetProperty("replayed").GetInt32());
        Assert.Equal(0, two.RootElement.GetProperty("attempts").GetInt32());
        Assert.Contains(second.Error.ToString().Split('\n'), l => l.Contains("a.md ", StringComparison.Ordinal) && l.Contains("done", StringComparison.Ordinal)
            && l.Contains("replayed from the journal", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Vote_DryRun_PrintsTheEstimateAndSendsNothing()
    {
        (int exit, CliHarness cli) = await CliHarness.RunAsync("vote", "What is 17 * 23?", "--samples", "7", "--dry-run");

        Assert.Equal(0, exit);
        string[] lines = cli.Output.ToString().Split('\n');
        Assert.Equal("Estimate (dry run, nothing sent): 7 calls = 7 branches + 0 follow-up calls", lines[0].TrimEnd());
        Assert.StartsWith("  cost:   0.", lines[2]);    // priced: the simulated model has a made-up price
        Assert.Equal(string.Empty, cli.Error.ToString());    // no progress: nothing ran
    }

    [Fact]
    public async Task RunPlan_MaxRunTokens_SkipsWhatWouldGoOverTheCap()
    {
        using var dir = new TempDirectory();
        dir.Write("plan.yaml", "aggregator: concat\nbranches:\n  - { prompt: \"Summarize in one sentence: The sky is blue.\", repeat: 4, max_tokens: 50 }\n");
        var cli = new CliHarness { WorkingDirectory = dir.Path };

        int exit = await cli.InvokeAsync(["run", "plan.yaml", "--max-run-tokens", "90", "--concurrency", "1", "--json"]);

        Assert.Equal(0, exit);
        using JsonDocument doc = JsonDocument.Parse(cli.Output.ToString());
        string?[] statuses = [.. doc.RootElement.GetProperty("branches").EnumerateArray().Select(b => b.GetProperty("status").GetString())];
        Assert.Contains("succeeded", statuses);
        Assert.Contains("skipped", statuses);
        Assert.True(doc.RootElement.GetProperty("total_tokens").GetInt64() <= 90);
    }

    [Fact]
    public async Task Vote_CacheWithoutJournal_IsAUsageError()
    {
        (int exit, CliHarness cli) = await CliHarness.RunAsync("vote", "q", "--cache");

        Assert.Equal(1, exit);
        Assert.StartsWith("chorus: --cache needs --journal: cached answers are kept in the journal file.", cli.Error.ToString());
    }

    [Fact]
    public async Task Vote_NonPositiveCap_IsAUsageError()
    {
        (int exit, CliHarness cli) = await CliHarness.RunAsync("vote", "q", "--max-run-tokens", "0");

        Assert.Equal(1, exit);
        Assert.StartsWith("chorus: --max-run-tokens and --max-run-cost must be positive; got 0 and -.", cli.Error.ToString());
    }
}
