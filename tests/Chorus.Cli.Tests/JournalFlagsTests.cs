using System.CommandLine;
using Chorus.Cli.Rendering;
using Chorus.Journal.Sqlite;
using Microsoft.Extensions.AI;
using Chorus.Estimation;
using Chorus.Voting;

namespace Chorus.Cli.Tests;

public class JournalFlagsTests
{
    private static (JournalFlags Flags, ParseResult Parse) Parse(params string[] args)
    {
        var flags = new JournalFlags();
        var command = new RootCommand();
        foreach (Option option in flags.All)
        {
            command.Add(option);
        }

        return (flags, command.Parse(args));
    }

    [Fact]
    public void Apply_JournalCacheAndCaps_SetOnRunnerOptionsAndLimits()
    {
        string path = Path.Combine(Path.GetTempPath(), $"chorus-cli-{Guid.NewGuid():N}.db");
        try
        {
            (JournalFlags flags, ParseResult parse) = Parse("--journal", path, "--cache", "--max-run-tokens", "5000", "--max-run-cost", "0.25");
            var options = new PlanRunnerOptions();
            var limits = new RunLimits();

            using (SqliteBranchJournal? journal = flags.OpenJournal(parse))
            {
                flags.Apply(parse, options, limits, journal);
                Assert.Same(journal, options.Journal);
                Assert.Equal(Path.GetFullPath(path), journal!.Path);
            }

            Assert.True(options.CacheDeterministic);
            Assert.Equal(5000, limits.MaxTokens);
            Assert.Equal(0.25m, limits.MaxCost);
            Assert.False(parse.GetValue(flags.DryRun));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    [Fact]
    public void OpenJournal_NoFlags_NoJournalAndNoCaps()
    {
        (JournalFlags flags, ParseResult parse) = Parse();
        var options = new PlanRunnerOptions();
        var limits = new RunLimits();

        flags.Apply(parse, options, limits, flags.OpenJournal(parse));

        Assert.Null(options.Journal);
        Assert.False(options.CacheDeterministic);
        Assert.Null(limits.MaxTokens);
        Assert.Null(limits.MaxCost);
    }

    [Fact]
    public void OpenJournal_CacheWithoutJournal_IsAUsageError()
    {
        (JournalFlags flags, ParseResult parse) = Parse("--cache");

        CliUsageException error = Assert.Throws<CliUsageException>(() => flags.OpenJournal(parse));

        Assert.Equal("--cache needs --journal: cached answers are kept in the journal file.", error.Message);
    }

    [Fact]
    public void OpenJournal_FileThatIsNotAJournal_IsAUsageErrorNamingTheFile()
    {
        string path = Path.Combine(Path.GetTempPath(), $"chorus-cli-{Guid.NewGuid():N}.db");
        File.WriteAllText(path, new string('x', 4096));
        try
        {
            (JournalFlags flags, ParseResult parse) = Parse("--journal", path);

            CliUsageException error = Assert.Throws<CliUsageException>(() => flags.OpenJournal(parse));

            Assert.StartsWith($"--journal: The journal file '{path}' is not a SQLite database", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Apply_CapNotPositive_IsAUsageError()
    {
        (JournalFlags flags, ParseResult parse) = Parse("--max-run-tokens", "0");

        CliUsageException error = Assert.Throws<CliUsageException>(() => flags.Apply(parse, new PlanRunnerOptions(), new RunLimits(), null));

        Assert.Equal("--max-run-tokens and --max-run-cost must be positive; got 0 and -.", error.Message);
    }

    [Fact]
    public void EstimateText_Write_PrintsCallsTokensAndCost()
    {
        var client = new ScriptedChatClient("ok") { ModelId = "m" };
        var options = new ChatOptions { MaxOutputTokens = 100 };
        var plan = new Plan<VoteResult>("v", [.. Enumerable.Range(0, 20).Select(i => new Branch($"s{i}", client, new string('x', 40), options))], Aggregators.Majority());
        var output = new StringWriter();

        EstimateText.Write(output, PlanEstimator.Estimate(plan, new PriceTable([new("m", new ModelPrice(1, 2))])));
        EstimateText.Write(output, PlanEstimator.Estimate(plan));

        Assert.Equal(
            """
            Estimate (dry run, nothing sent): 20 calls = 20 branches + 0 follow-up calls
              tokens: 280 in + 2,000 out = 2,280
              cost:   0.00428
            Estimate (dry run, nothing sent): 20 calls = 20 branches + 0 follow-up calls
              tokens: 280 in + 2,000 out = 2,280
              cost:   unknown (no price for m)

            """.ReplaceLineEndings(),
            output.ToString());
    }
}
