using System.Text.Json;

namespace Chorus.Cli.Tests;

public class DemoCommandTests
{
    private static readonly string[] Scenarios = ["map-reduce", "guardrail-allow", "guardrail-veto", "vote", "jury"];

    [Fact]
    public async Task Demo_Json_PrintsOneReportPerScenarioWithTheAgreedFields()
    {
        (int exit, CliHarness cli) = await CliHarness.RunAsync("demo", "--json");

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, cli.ConsoleText.ToString());    // nothing but JSON on stdout
        using JsonDocument doc = JsonDocument.Parse(cli.Output.ToString());
        JsonElement[] reports = [.. doc.RootElement.EnumerateArray()];
        Assert.Equal(Scenarios, reports.Select(r => r.GetProperty("scenario").GetString()));
        foreach (JsonElement report in reports)
        {
            foreach (string field in new[] { "wall_ms", "sequential_ms", "speedup", "input_tokens", "output_tokens" })
            {
                Assert.Equal(JsonValueKind.Number, report.GetProperty(field).ValueKind);
            }

            Assert.True(report.GetProperty("input_tokens").GetInt64() > 0);
            Assert.Equal(JsonValueKind.Number, report.GetProperty("cost").ValueKind);   // the simulated model has a demo price
            Assert.Equal(JsonValueKind.Object, report.GetProperty("decision").ValueKind);
            foreach (JsonElement branch in report.GetProperty("branches").EnumerateArray())
            {
                Assert.False(string.IsNullOrEmpty(branch.GetProperty("label").GetString()));
                Assert.Contains(branch.GetProperty("status").GetString(), new[] { "succeeded", "failed", "timed_out", "cancelled", "skipped" });
                Assert.True(branch.GetProperty("attempts").GetInt32() >= 0);
                Assert.Equal(JsonValueKind.Number, branch.GetProperty("input_tokens").ValueKind);
                Assert.Equal(JsonValueKind.Number, branch.GetProperty("output_tokens").ValueKind);
                Assert.True(branch.TryGetProperty("error", out _));
            }
        }

        JsonElement veto = reports[2];
        Assert.StartsWith("refused", veto.GetProperty("decision").GetProperty("summary").GetString());
        Assert.Equal("cancelled", veto.GetProperty("branches")[1].GetProperty("status").GetString());
        JsonElement firstAttempt = reports[0].GetProperty("branches")[0].GetProperty("attempt_log")[0];
        Assert.Equal(200, firstAttempt.GetProperty("http_status").GetInt32());   // the demo really goes over HTTP
    }

    [Fact]
    public async Task Demo_Default_PrintsEachScenarioResultAndReportAndSaysItIsSimulated()
    {
        (int exit, CliHarness cli) = await CliHarness.RunAsync("demo", "--scenario", "vote");

        Assert.Equal(0, exit);
        string text = cli.ConsoleText.ToString();
        Assert.Contains("SIMULATED", text);
        Assert.Contains("result: What is 17 * 23? -> 391", text);
        Assert.Contains("speed-up", text);
        Assert.Contains("sample-7", text);
    }

    [Fact]
    public async Task Demo_UnknownScenario_IsAUsageErrorOnOneLine()
    {
        (int exit, CliHarness cli) = await CliHarness.RunAsync("demo", "--scenario", "nope");

        Assert.Equal(1, exit);
        Assert.StartsWith("chorus: --scenario 'nope' is not a demo scenario.", cli.Error.ToString());
        Assert.Contains("hint: choose one of: map-reduce", cli.Error.ToString());
        Assert.DoesNotContain("   at ", cli.Error.ToString());
    }

    [Fact]
    public async Task Demo_EndpointWithoutModel_IsAUsageError()
    {
        (int exit, CliHarness cli) = await CliHarness.RunAsync("demo", "--endpoint", "http://127.0.0.1:9/v1");

        Assert.Equal(1, exit);
        Assert.Contains("--endpoint needs --model", cli.Error.ToString());
    }

    [Fact]
    public async Task Demo_UnreachableEndpoint_ExitsThreeAndNeverPrintsTheKey()
    {
        var harness = new CliHarness();
        harness.Variables["OPENAI_API_KEY"] = "sk-test-secret-123";

        // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
        int exit = await Program.RunAsync(["demo", "--scenario", "vote", "--endpoint", "http://127.0.0.1:9/v1", "--model", "m", "--json"], harness.Environment)
            .WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(3, exit);
        string everything = harness.Output.ToString() + harness.Error + harness.ConsoleText;
        Assert.DoesNotContain("sk-test-secret-123", everything);
        using JsonDocument doc = JsonDocument.Parse(harness.Output.ToString());
        Assert.Equal("failed", doc.RootElement[0].GetProperty("status").GetString());   // partial report still printed
    }

    [Fact]
    public async Task Demo_EndpointNotAnHttpUrl_IsAUsageErrorNamingTheValue()
    {
        (int exit, CliHarness cli) = await CliHarness.RunAsync("demo", "--endpoint", "ftp://x", "--model", "m");

        Assert.Equal(1, exit);
        Assert.Contains("--endpoint must be an absolute http(s) base URL such as https://api.openai.com/v1; got 'ftp://x'.", cli.Error.ToString());
    }
}
