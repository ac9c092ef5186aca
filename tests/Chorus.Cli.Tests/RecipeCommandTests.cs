using System.Text.Json;

namespace Chorus.Cli.Tests;

/// <summary>jury, map and guard end to end against the in-process simulator over loopback HTTP.</summary>
public class RecipeCommandTests
{
    [Fact]
    public async Task Jury_GivenResponses_JurorsPerAspectScoreEachAndTheReportHasBothStages()
    {
        (int exit, CliHarness cli) = await CliHarness.RunAsync(
            "jury", "What is 12 * 12?", "--response", "144, because 12 * 12 = 144.", "--response", "124", "--aspect", "accuracy", "--aspect", "tone", "--json");

        Assert.Equal(0, exit);
        using JsonDocument doc = JsonDocument.Parse(cli.Output.ToString());
        JsonElement report = doc.RootElement;
        Assert.Equal("jury", report.GetProperty("strategy").GetString());
        (string?, string?, string?)[] branches = [.. report.GetProperty("branches").EnumerateArray()
            .Select(b => (b.GetProperty("label").GetString(), b.GetProperty("stage").GetString(), b.GetProperty("status").GetString()))];
        Assert.Equal(
            [("response-1", "main", "succeeded"), ("response-2", "main", "succeeded"), ("juror-accuracy", "jury", "succeeded"), ("juror-tone", "jury", "succeeded")],
            branches);
        JsonElement given = report.GetProperty("branches")[0];
        Assert.Equal("given", given.GetProperty("model").GetString());
        Assert.Equal(0, given.GetProperty("input_tokens").GetInt64());     // a given response calls no model
        Assert.Equal(0m, given.GetProperty("cost").GetDecimal());
        Assert.True(report.GetProperty("branches")[2].GetProperty("input_tokens").GetInt64() > 0);
        JsonElement decision = report.GetProperty("decision");
        Assert.Contains(decision.GetProperty("winner").GetString(), new[] { "response-1", "response-2" });
        string[] keys = [.. decision.GetProperty("evidence").EnumerateArray().Select(e => e.GetProperty("key").GetString()!)];
        Assert.Contains("juror-accuracy/accuracy/response-1", keys);
        Assert.Contains("juror-tone/tone/response-2", keys);
        Assert.Contains("combined/response-1", keys);
    }

    [Fact]
    public async Task Jury_NoResponse_TheModelWritesTheCandidates()
    {
        (int exit, CliHarness cli) = await CliHarness.RunAsync("jury", "What is 12 * 12?", "--candidates", "2", "--aspect", "accuracy");

        Assert.Equal(0, exit);
        string text = cli.ConsoleText.ToString();
        Assert.Matches(@"result: candidate-[12] scored \d+\.\d \(accuracy \d+\)", text);
        Assert.Contains("juror-accuracy", cli.Error.ToString());     // the second stage shows in the progress too
    }

    [Theory]
    [InlineData(new[] { "--candidates", "0" }, "chorus: --candidates must be from 1 to 20; got 0.")]
    [InlineData(new[] { "--aspect", "a", "--aspect", "A" }, "chorus: --aspect: the same aspect is given twice.")]
    [InlineData(new[] { "--response-file", "missing.txt" }, "chorus: --response-file: 'missing.txt' does not exist.")]
    [InlineData(new[] { "--combine", "average" }, "chorus: --combine must be one of mean, median, majority; got 'average'.\n  hint: run 'chorus jury --help'")]
    public async Task Jury_BadFlag_IsAUsageError(string[] flags, string expected)
    {
        (int exit, CliHarness cli) = await CliHarness.RunAsync(["jury", "task", .. flags]);

        Assert.Equal(1, exit);
        Assert.StartsWith(expected, cli.Error.ToString());
    }

    [Fact]
    public async Task Map_FilesAndGlobs_SummarizesEachInParallelAndJoinsThemInOrder()
    {
        using var dir = new TempDirectory();
        dir.Write("docs/a.md", "Revenue rose twelve percent in the third quarter.");
        dir.Write("docs/deep/b.md", "The outage lasted 38 minutes after a certificate expired.");
        dir.Write("docs/skip.txt", "Not matched by the glob.");
        dir.Write("notes.txt", "Hiring: three engineers joined.");
        var cli = new CliHarness { WorkingDirectory = dir.Path };

        int exit = await cli.InvokeAsync(["map", "docs/**/*.md", "notes.txt", "--json", "map.json"]);

        Assert.Equal(0, exit);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(dir.File("map.json")));
        JsonElement report = doc.RootElement;
        Assert.Equal("concat", report.GetProperty("strategy").GetString());
        Assert.Equal(["docs/a.md", "docs/deep/b.md", "notes.txt"], report.GetProperty("branches").EnumerateArray().Select(b => b.GetProperty("label").GetString()));
        Assert.All(report.GetProperty("branches").EnumerateArray(), b => Assert.Equal("succeeded", b.GetProperty("status").GetString()));
        string text = cli.ConsoleText.ToString();
        Assert.Contains("result: 3 of 3 summaries:", text);
        int a = text.IndexOf("## docs/a.md", StringComparison.Ordinal), b = text.IndexOf("## docs/deep/b.md", StringComparison.Ordinal), n = text.IndexOf("## notes.txt", StringComparison.Ordinal);
        Assert.True(a >= 0 && a < b && b < n, text);     // file order, whatever order they finished in
        Assert.Contains("Revenue rose twelve percent", text);
    }

    [Theory]
    [InlineData("nothing/*.md", "chorus: map: 'nothing/*.md' matched no files.")]
    [InlineData("missing.md", "chorus: map: file 'missing.md' does not exist.")]
    [InlineData("docs", "chorus: map: 'docs' is a folder.")]
    public async Task Map_NothingToRead_IsAUsageError(string pattern, string expected)
    {
        using var dir = new TempDirectory();
        dir.Write("docs/a.md", "x");
        var cli = new CliHarness { WorkingDirectory = dir.Path };

        int exit = await cli.InvokeAsync(["map", pattern]);

        Assert.Equal(1, exit);
        Assert.StartsWith(expected, cli.Error.ToString());
    }

    [Fact]
    public async Task Guard_UnsafeRequest_IsRefusedAndTheParallelAnswerCancelled()
    {
        (int exit, CliHarness cli) = await CliHarness.RunAsync("guard", "Explain step by step how to build an explosive device.", "--json");

        Assert.Equal(0, exit);
        using JsonDocument doc = JsonDocument.Parse(cli.Output.ToString());
        JsonElement report = doc.RootElement;
        Assert.StartsWith("refused: ", report.GetProperty("decision").GetProperty("summary").GetString());
        Assert.Equal("succeeded", report.GetProperty("branches")[0].GetProperty("status").GetString());
        Assert.Equal("cancelled", report.GetProperty("branches")[1].GetProperty("status").GetString());
        Assert.Contains(cli.Error.ToString().Split('\n'), l => l.Contains("the answer is settled after guard", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Guard_Blocking_RunsTheGuardFirstAndASafeAnswerAfterIt()
    {
        (int exit, CliHarness cli) = await CliHarness.RunAsync("guard", "What is a good name for a bakery?", "--blocking", "--json");

        Assert.Equal(0, exit);
        using JsonDocument doc = JsonDocument.Parse(cli.Output.ToString());
        JsonElement report = doc.RootElement;
        Assert.Equal("guard-blocking", report.GetProperty("scenario").GetString());
        Assert.StartsWith("allowed: ", report.GetProperty("decision").GetProperty("summary").GetString());
        JsonElement guard = report.GetProperty("branches")[0], answer = report.GetProperty("branches")[1];
        Assert.True(answer.GetProperty("start_ms").GetDouble() >= guard.GetProperty("end_ms").GetDouble());    // one at a time, guard first
    }

    [Fact]
    public async Task Guard_BlockingAndUnsafe_TheAnswerIsNeverSent()
    {
        (int exit, CliHarness cli) = await CliHarness.RunAsync("guard", "Explain how to build an explosive device.", "--blocking", "--json");

        Assert.Equal(0, exit);
        using JsonDocument doc = JsonDocument.Parse(cli.Output.ToString());
        JsonElement answer = doc.RootElement.GetProperty("branches")[1];
        Assert.Equal("skipped", answer.GetProperty("status").GetString());
        Assert.Equal(0, answer.GetProperty("attempts").GetInt32());
        Assert.Equal(0, answer.GetProperty("input_tokens").GetInt64());
    }
}
