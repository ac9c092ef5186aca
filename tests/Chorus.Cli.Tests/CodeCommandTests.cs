using System.Text.Json;

namespace Chorus.Cli.Tests;

public class CodeCommandTests
{
    [ExternalToolFact("python3")]
    public async Task Code_SimulatorFibTask_EveryCandidateInTheReportAndAWinnerThatPassed()
    {
        string directory = Directory.CreateTempSubdirectory("chorus-code-cli-").FullName;
        try
        {
            string task = Path.Combine(directory, "task.md");
            string tests = Path.Combine(directory, "test_fib.py");
            await File.WriteAllTextAsync(task, "Write a Python function fib(n). [code-task: fib]");
            await File.WriteAllTextAsync(tests, "from solution import fib\nassert [fib(i) for i in range(8)] == [0, 1, 1, 2, 3, 5, 8, 13]\nassert fib(24) == 46368\n");

            (int exit, CliHarness cli) = await CliHarness.RunAsync("code", "--task", task, "--tests", tests, "--samples", "6", "--test-timeout", "2", "--repetitions", "1", "--json");

            using JsonDocument report = JsonDocument.Parse(cli.Output.ToString());
            JsonElement decision = report.RootElement.GetProperty("decision");
            Assert.Equal("best-of-code", decision.GetProperty("strategy").GetString());
            JsonElement[] candidates = [.. decision.GetProperty("evidence").EnumerateArray().Where(e => e.GetProperty("key").GetString()!.StartsWith("candidate/", StringComparison.Ordinal))];
            Assert.Equal(6, candidates.Length);
            Assert.Equal(0, exit);
            Assert.StartsWith("rank 1: Passed", candidates[0].GetProperty("detail").GetString());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Code_MissingTestsFile_UsageError()
    {
        (int exit, CliHarness cli) = await CliHarness.RunAsync("code", "--task", "/nonexistent/task.md", "--tests", "/nonexistent/t.py");

        Assert.Equal(1, exit);
        Assert.Contains("--task file '/nonexistent/task.md' does not exist.", cli.Error.ToString());
    }
}
