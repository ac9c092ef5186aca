using System.Text.Json;

namespace Chorus.Cli.Tests;

public class CodeCommandTests
{
    [ExternalToolFact("bwrap")]
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

    [ExternalToolFact("python3")]
    public async Task Code_NoBubblewrap_RefusesInOneLineNamingItWithoutCallingTheModel()
    {
        string directory = Directory.CreateTempSubdirectory("chorus-code-cli-").FullName;
        try
        {
            string task = Path.Combine(directory, "task.md");
            string tests = Path.Combine(directory, "test_fib.py");
            await File.WriteAllTextAsync(task, "Write a Python function fib(n). [code-task: fib]");
            await File.WriteAllTextAsync(tests, "from solution import fib\nassert fib(10) == 55\n");
            var cli = new CliHarness();
            cli.Variables["CHORUS_BWRAP"] = "/nonexistent/bwrap";

            int exit = await cli.InvokeAsync(["code", "--task", task, "--tests", tests, "--samples", "2", "--json"]);

            Assert.Equal(1, exit);
            string error = cli.Error.ToString().TrimEnd();
            Assert.Equal(
                "chorus: code: refusing to run model-written code without isolation: bubblewrap ('/nonexistent/bwrap') is not installed (Debian/Ubuntu: apt-get install bubblewrap); pass --allow-unsandboxed to run it unisolated.",
                error);
            Assert.Equal(string.Empty, cli.Output.ToString());   // no model call, no report
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [ExternalToolFact("python3")]
    public async Task Code_NoBubblewrapButAllowUnsandboxed_RunsAndTheReportSaysSo()
    {
        string directory = Directory.CreateTempSubdirectory("chorus-code-cli-").FullName;
        try
        {
            string task = Path.Combine(directory, "task.md");
            string tests = Path.Combine(directory, "test_fib.py");
            await File.WriteAllTextAsync(task, "Write a Python function fib(n). [code-task: fib]");
            await File.WriteAllTextAsync(tests, "from solution import fib\nassert [fib(i) for i in range(8)] == [0, 1, 1, 2, 3, 5, 8, 13]\n");
            var cli = new CliHarness();
            cli.Variables["CHORUS_BWRAP"] = "/nonexistent/bwrap";

            int exit = await cli.InvokeAsync(["code", "--task", task, "--tests", tests, "--samples", "4", "--test-timeout", "2", "--repetitions", "1", "--allow-unsandboxed", "--json"]);

            using JsonDocument report = JsonDocument.Parse(cli.Output.ToString());
            JsonElement isolation = report.RootElement.GetProperty("decision").GetProperty("evidence").EnumerateArray().Single(e => e.GetProperty("key").GetString() == "sandbox/isolation");
            Assert.Equal(0, isolation.GetProperty("value").GetDouble());
            Assert.StartsWith("none (unsandboxed runs allowed): bubblewrap ('/nonexistent/bwrap') is not installed", isolation.GetProperty("detail").GetString());
            Assert.Contains("NOT isolated", report.RootElement.GetProperty("decision").GetProperty("summary").GetString());
            Assert.True(exit is 0 or 2, $"exit {exit}");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Issue 14's acceptance: the key is in this process's environment; candidates print theirs (the simulator's [code-print-env]).</summary>
    [ExternalToolFact("bwrap")]
    public async Task Code_CandidatesPrintTheirEnvironment_NoPartOfTheKeyInConsoleOrJson()
    {
        string directory = Directory.CreateTempSubdirectory("chorus-code-cli-").FullName;
        try
        {
            string task = Path.Combine(directory, "task.md");
            string tests = Path.Combine(directory, "test_fib.py");
            await File.WriteAllTextAsync(task, "Write a Python function fib(n). [code-task: fib] [code-print-env]");
            await File.WriteAllTextAsync(tests, "from solution import fib\nassert [fib(i) for i in range(8)] == [0, 1, 1, 2, 3, 5, 8, 13]\n");
            const string Key = "sk-test-XYZ";
            var cli = new CliHarness();
            cli.Variables["OPENAI_API_KEY"] = Key;
            string json = Path.Combine(directory, "report.json");

            int exit = await cli.InvokeAsync(["code", "--task", task, "--tests", tests, "--samples", "5", "--test-timeout", "2", "--repetitions", "1", "--json", json]);

            string everything = cli.ConsoleText + "\n" + cli.Output + "\n" + cli.Error + "\n" + await File.ReadAllTextAsync(json);
            Assert.Contains("environment: ", everything);   // a failing candidate's error line carries its whole environment into the report
            Assert.Contains("isolation: bubblewrap ", cli.ConsoleText.ToString());
            for (int i = 0; i + 8 <= Key.Length; i++)
            {
                Assert.DoesNotContain(Key.Substring(i, 8), everything);
            }
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
