using System.Text.Json;

namespace Chorus.Cli.Tests;

public class VoteCommandTests
{
    private static readonly string[] Labels = ["sample-1", "sample-2", "sample-3", "sample-4", "sample-5", "sample-6", "sample-7"];

    [Fact]
    public async Task Vote_JsonToStdout_IsTheRunReportFieldByField()
    {
        (int exit, CliHarness cli) = await CliHarness.RunAsync("vote", "What is 17 * 23?", "--samples", "7", "--json");

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, cli.ConsoleText.ToString());    // stdout is the JSON alone; progress went to stderr
        using JsonDocument doc = JsonDocument.Parse(cli.Output.ToString());
        JsonElement report = doc.RootElement;
        Assert.Equal(JsonValueKind.Object, report.ValueKind);
        Assert.Equal("vote", report.GetProperty("scenario").GetString());
        Assert.Equal("majority", report.GetProperty("strategy").GetString());
        Assert.Equal("quorum(4)", report.GetProperty("failure_policy").GetString());
        Assert.Equal("ok", report.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, report.GetProperty("error").ValueKind);
        Assert.True(report.GetProperty("wall_ms").GetDouble() > 0);
        Assert.True(report.GetProperty("sequential_ms").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Number, report.GetProperty("speedup").ValueKind);
        long input = report.GetProperty("input_tokens").GetInt64(), output = report.GetProperty("output_tokens").GetInt64();
        Assert.True(input > 0 && output > 0);
        Assert.Equal(input + output, report.GetProperty("total_tokens").GetInt64());
        Assert.True(report.GetProperty("cost").GetDecimal() > 0);   // the simulated model has a made-up price
        Assert.Equal(0, report.GetProperty("http_429").GetInt32());

        JsonElement decision = report.GetProperty("decision");
        Assert.Equal("majority", decision.GetProperty("strategy").GetString());
        Assert.Equal("391", decision.GetProperty("winner").GetString());
        Assert.StartsWith("\"391\" won ", decision.GetProperty("summary").GetString());
        JsonElement winner = decision.GetProperty("evidence")[0];
        Assert.Equal("391", winner.GetProperty("key").GetString());
        foreach (string voter in winner.GetProperty("detail").GetString()!["branches: ".Length..].Split(','))
        {
            JsonElement branch = report.GetProperty("branches").EnumerateArray().Single(b => b.GetProperty("label").GetString() == voter);
            Assert.Contains("391", branch.GetProperty("text").GetString(), StringComparison.Ordinal);
        }

        JsonElement[] branches = [.. report.GetProperty("branches").EnumerateArray()];
        Assert.Equal(Labels, branches.Select(b => b.GetProperty("label").GetString()));
        Assert.Equal(report.GetProperty("succeeded").GetInt32(), branches.Count(b => b.GetProperty("status").GetString() == "succeeded"));
        Assert.True(report.GetProperty("succeeded").GetInt32() >= 4);
        foreach (JsonElement b in branches)
        {
            Assert.Equal("main", b.GetProperty("stage").GetString());
            Assert.Equal("chorus-sim-1", b.GetProperty("model").GetString());
            Assert.Contains(b.GetProperty("status").GetString(), new[] { "succeeded", "cancelled", "skipped" });
            JsonElement attempt = b.GetProperty("attempt_log")[0];
            Assert.Equal("call", attempt.GetProperty("kind").GetString());
            if (b.GetProperty("status").GetString() == "succeeded")
            {
                Assert.Equal(200, attempt.GetProperty("http_status").GetInt32());    // over loopback HTTP
                Assert.False(string.IsNullOrWhiteSpace(b.GetProperty("text").GetString()));
            }
        }

        Assert.Contains(report.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("kind").GetString() == "decided");
    }

    [Fact]
    public async Task Vote_StopAdaptive_StopsBeforeDrawingEverySampleAndSaysWhy()
    {
        (int exit, CliHarness cli) = await CliHarness.RunAsync("vote", "What is 17 * 23?", "--samples", "40", "--stop", "adaptive", "--concurrency", "1", "--json");

        Assert.Equal(0, exit);
        using JsonDocument doc = JsonDocument.Parse(cli.Output.ToString());
        JsonElement report = doc.RootElement;
        Assert.Equal("vote", report.GetProperty("strategy").GetString());
        Assert.True(report.GetProperty("succeeded").GetInt32() < 40);    // the rule fired: not every sample was paid for
        Assert.True(report.GetProperty("cancelled").GetInt32() > 0);
        Assert.Contains(report.GetProperty("decision").GetProperty("evidence").EnumerateArray(),
            e => e.GetProperty("key").GetString()!.StartsWith("stopped_by/adaptive", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Vote_EndpointWithoutModel_UsesTheEndpointsOnlyModel()
    {
        await using var server = await Chorus.Simulator.SimulatorServer.StartAsync(new Chorus.Simulator.SimulatorOptions { LatencyMs = 0, MsPerToken = 0 });

        (int exit, CliHarness cli) = await CliHarness.RunAsync("vote", "What is 17 * 23?", "--samples", "3", "--endpoint", server.BaseUri.ToString(), "--json");

        Assert.Equal(0, exit);
        using JsonDocument doc = JsonDocument.Parse(cli.Output.ToString());
        Assert.Equal("chorus-sim-1", doc.RootElement.GetProperty("branches")[0].GetProperty("model").GetString());
        Assert.Equal(3, server.GetStats().Requests);
    }

    [Fact]
    public async Task Vote_UnknownStopRule_IsAUsageErrorListingTheChoices()
    {
        (int exit, CliHarness cli) = await CliHarness.RunAsync("vote", "q", "--stop", "soon");

        Assert.Equal(1, exit);
        Assert.Contains("--stop must be one of majority, adaptive, window, all; got 'soon'.", cli.Error.ToString());
    }

    [Fact]
    public async Task Vote_Default_PrintsPlainProgressLinesThenResultAndReport()
    {
        (int exit, CliHarness cli) = await CliHarness.RunAsync("vote", "What is 17 * 23?", "--samples", "3");

        Assert.Equal(0, exit);
        string[] progress = cli.Error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (string label in new[] { "sample-1", "sample-2", "sample-3" })
        {
            Assert.Contains(progress, l => l.Contains($"{label} ", StringComparison.Ordinal) && l.TrimEnd().EndsWith("queued", StringComparison.Ordinal));
            Assert.Contains(progress, l => l.Contains($"{label} ", StringComparison.Ordinal) && l.TrimEnd().EndsWith("running", StringComparison.Ordinal));
        }

        string done = Assert.Single(progress, l => l.Contains("sample-1 ", StringComparison.Ordinal) && l.Contains(" done | ", StringComparison.Ordinal));
        Assert.Matches(@"done \| 1 call, \d+\+\d+ tokens, \$0\.\d{6} \| so far \d/3 finished, \d+ tokens, \$0\.\d{6}, 429s: 0$", done.TrimEnd());
        string text = cli.ConsoleText.ToString();
        Assert.Contains("chorus vote: What is 17 * 23?", text);
        Assert.Contains("SIMULATED", text);
        Assert.Matches(@"result: \d+ \([123] of [123] votes, \d+%; margin \d+ points\)", text);    // 3 samples: the winner depends on which settle it
        Assert.Contains("speed-up", text);
        Assert.Contains("sample-3", text);
    }

    [Fact]
    public async Task Vote_OnATerminal_ShowsALiveTableInsteadOfLines()
    {
        var cli = new CliHarness { Terminal = true };

        int exit = await cli.InvokeAsync(["vote", "What is 17 * 23?", "--samples", "3"]);

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, cli.Error.ToString());     // no plain lines
        string text = cli.ConsoleText.ToString();
        Assert.Contains("\u001b[", text);                      // redrawn in place with ANSI cursor moves
        Assert.Matches(@"sample-3\s+done\s+1\s+\d+\+\d+\s+\$0\.\d{6}", text);
        Assert.Matches(@"3/3 finished  \d+ tokens  \$0\.\d{6}  429s: 0", text);
        Assert.Matches(@"result: \d+ \(", System.Text.RegularExpressions.Regex.Replace(text, @"\u001b\[[0-9;?]*[A-Za-z]", string.Empty));
    }

    [Fact]
    public async Task Vote_JsonAndReportFiles_WritesTheReportAndAPageWithOneBarPerBranch()
    {
        using var dir = new TempDirectory();
        var cli = new CliHarness { WorkingDirectory = dir.Path };

        int exit = await cli.InvokeAsync(["vote", "What is 17 * 23?", "--samples", "5", "--report", "run.html", "--json", "run.json"]);

        Assert.Equal(0, exit);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(dir.File("run.json")));
        Assert.Equal(5, doc.RootElement.GetProperty("branches").GetArrayLength());
        string html = File.ReadAllText(dir.File("run.html"));
        Assert.Equal(5, HtmlReportWriterTests.Bars(html).Count);
        Assert.Contains("data-branches=\"5\"", html);
        Assert.Contains($"JSON report written to {dir.File("run.json")}", cli.ConsoleText.ToString().ReplaceLineEndings(string.Empty));
    }

    [Fact]
    public async Task Vote_CtrlCAfterTheFirstSampleFinishes_Exits130AndWritesThePartialReport()
    {
        using var dir = new TempDirectory();
        var cli = new CliHarness { WorkingDirectory = dir.Path };
        using var cts = new CancellationTokenSource();
        Task<string> firstDone = cli.Error.WaitForLineAsync(l => l.Contains("sample-1 ", StringComparison.Ordinal) && l.Contains(" done", StringComparison.Ordinal));

        // One at a time, so the vote cannot settle before we cancel: it needs 4 agreeing samples.
        Task<int> run = cli.InvokeAsync(["vote", "What is 17 * 23?", "--samples", "7", "--concurrency", "1", "--json", "partial.json", "--report", "partial.html"], cts.Token);
        await firstDone.WaitAsync(TimeSpan.FromSeconds(30));
        await cts.CancelAsync();
        int exit = await run;

        Assert.Equal(130, exit);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(dir.File("partial.json")));
        JsonElement report = doc.RootElement;
        Assert.Equal("failed", report.GetProperty("status").GetString());
        Assert.Equal("cancelled by the caller", report.GetProperty("error").GetString());
        JsonElement[] branches = [.. report.GetProperty("branches").EnumerateArray()];
        Assert.Equal(7, branches.Length);
        Assert.Equal("succeeded", branches[0].GetProperty("status").GetString());
        Assert.All(branches.Skip(2), b => Assert.Equal("skipped", b.GetProperty("status").GetString()));
        Assert.Equal(7, HtmlReportWriterTests.Bars(File.ReadAllText(dir.File("partial.html"))).Count);
        Assert.Contains("chorus: cancelled; the partial report was written to partial.json and partial.html.", cli.Error.ToString());
    }

    [Fact]
    public async Task Vote_EveryBranchTimesOut_ExitsTwoWithThePartialReport()
    {
        using var dir = new TempDirectory();
        dir.Write("chorus.yaml", "simulator:\n  latency_ms: 5000\n");
        var cli = new CliHarness { WorkingDirectory = dir.Path };

        int exit = await cli.InvokeAsync(["vote", "What is 17 * 23?", "--samples", "3", "--timeout", "0.2", "--json"]);

        Assert.Equal(2, exit);
        using JsonDocument doc = JsonDocument.Parse(cli.Output.ToString());
        Assert.Equal("failed", doc.RootElement.GetProperty("status").GetString());
        Assert.All(doc.RootElement.GetProperty("branches").EnumerateArray(), b => Assert.Contains(b.GetProperty("status").GetString(), new[] { "timed_out", "skipped", "cancelled" }));
        Assert.Contains("chorus: the vote run failed: ", cli.Error.ToString());
        Assert.DoesNotContain("   at ", cli.Error.ToString());
    }

    [Fact]
    public async Task Vote_UnreachableEndpoint_ExitsThreeWithThePartialReportAndNoKey()
    {
        var cli = new CliHarness();
        cli.Variables["OPENAI_API_KEY"] = "sk-test-secret-456";

        int exit = await cli.InvokeAsync(["vote", "q?", "--samples", "2", "--endpoint", "http://127.0.0.1:9/v1", "--model", "m", "--json"]);

        Assert.Equal(3, exit);
        using JsonDocument doc = JsonDocument.Parse(cli.Output.ToString());
        Assert.Equal("failed", doc.RootElement.GetProperty("status").GetString());
        Assert.Contains("chorus: the provider could not be reached or refused: ", cli.Error.ToString());
        Assert.DoesNotContain("sk-test-secret-456", cli.Output.ToString() + cli.Error + cli.ConsoleText);
    }

    [Theory]
    [InlineData(new[] { "--samples", "0" }, "chorus: --samples must be from 1 to 1000; got 0.")]
    [InlineData(new[] { "--samples", "3", "--quorum", "4" }, "chorus: --quorum must be from 1 to --samples (3); got 4.")]
    [InlineData(new[] { "--temperature", "3" }, "chorus: --temperature must be from 0 to 2; got 3.")]
    [InlineData(new[] { "--concurrency", "0" }, "chorus: --concurrency must be at least 1; got 0.")]
    [InlineData(new[] { "--timeout", "-1" }, "chorus: --timeout must be a number of seconds above 0 and at most 86400; got -1.")]
    [InlineData(new[] { "--samples", "many" }, "chorus: Cannot parse argument 'many' for option '--samples' as expected type 'System.Int32'.")]
    public async Task Vote_BadFlag_IsAOneLineUsageErrorWithAHint(string[] flags, string expected)
    {
        (int exit, CliHarness cli) = await CliHarness.RunAsync(["vote", "What is 17 * 23?", .. flags]);

        Assert.Equal(1, exit);
        string[] lines = cli.Error.ToString().TrimEnd().Split('\n');
        Assert.Equal(expected, lines[0]);
        Assert.True(lines.Length <= 2, cli.Error.ToString());
        Assert.Equal(string.Empty, cli.Output.ToString());
    }

    [Fact]
    public async Task Vote_NoQuestion_IsAUsageErrorPointingAtHelp()
    {
        (int exit, CliHarness cli) = await CliHarness.RunAsync("vote");

        Assert.Equal(1, exit);
        Assert.StartsWith("chorus: ", cli.Error.ToString());
        Assert.Contains("hint: run 'chorus vote --help'", cli.Error.ToString());
    }
}
