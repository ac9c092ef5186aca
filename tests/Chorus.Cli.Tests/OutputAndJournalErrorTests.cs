using System.Text.Json;

namespace Chorus.Cli.Tests;

/// <summary>Issue 12, items 8 and 9: output paths are checked before any call; journal errors show and set the exit status.</summary>
public class OutputAndJournalErrorTests
{
    [Fact]
    public async Task Vote_UnwritableJsonPath_FailsBeforeAnyCall()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"chorus-missing-{Guid.NewGuid():N}");
        (int exit, CliHarness cli) = await CliHarness.RunAsync("vote", "What is 17 * 23?", "--samples", "3", "--json", Path.Combine(dir, "r.json"), "--progress", "plain");

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("--json: cannot write", cli.Error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("started", cli.Error.ToString().Replace("--json", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("result:", cli.ConsoleText.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public async Task Vote_WritableJsonPath_WrittenAndNotLeftBehindByTheCheck()
    {
        string path = Path.Combine(Path.GetTempPath(), $"chorus-{Guid.NewGuid():N}.json");
        try
        {
            (int exit, _) = await CliHarness.RunAsync("vote", "What is 17 * 23?", "--samples", "3", "--json", path);

            Assert.Equal(ExitCodes.Success, exit);
            using JsonDocument doc = JsonDocument.Parse(await File.ReadAllTextAsync(path));
            Assert.Equal("majority", doc.RootElement.GetProperty("strategy").GetString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Vote_JournalRecordsEdited_ErrorShownAndExitStatusSaysSo()
    {
        string path = Path.Combine(Path.GetTempPath(), $"chorus-cli-{Guid.NewGuid():N}.db");
        try
        {
            (int first, _) = await CliHarness.RunAsync("vote", "What is 17 * 23?", "--samples", "2", "--journal", path);
            Assert.Equal(ExitCodes.Success, first);
            void Edit()
            {
                using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "UPDATE chorus_branches SET record_json = replace(record_json, '3', '4');";
                command.ExecuteNonQuery();
            }

            Edit();

            (int exit, CliHarness cli) = await CliHarness.RunAsync("vote", "What is 17 * 23?", "--samples", "2", "--journal", path);

            Assert.Equal(ExitCodes.JournalErrors, exit);
            Assert.Contains("journal error(s)", cli.Error.ToString(), StringComparison.Ordinal);

            // --journal-strict: the first journal error stops the run before anything more is paid for.
            Edit();
            (int strictExit, CliHarness strict) = await CliHarness.RunAsync("vote", "What is 17 * 23?", "--samples", "2", "--journal", path, "--journal-strict", "--json");
            Assert.Equal(ExitCodes.JournalErrors, strictExit);
            Assert.Contains("--journal-strict", strict.Error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Vote_SettledEarly_LetGoSamplesShowAsStoppedEarlyNotAsErrors()
    {
        // Issue 12, item 10.
        (int exit, CliHarness cli) = await CliHarness.RunAsync("vote", "What is 17 * 23?", "--samples", "40", "--stop", "adaptive", "--concurrency", "1");

        Assert.Equal(ExitCodes.Success, exit);
        string console = cli.ConsoleText.ToString();
        Assert.Contains("stopped early", console, StringComparison.Ordinal);
        Assert.DoesNotContain("no longer needed it", console, StringComparison.Ordinal);
    }
}
