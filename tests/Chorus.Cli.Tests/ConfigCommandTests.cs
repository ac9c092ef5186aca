using System.Text.Json;

namespace Chorus.Cli.Tests;

public class ConfigCommandTests
{
    [Fact]
    public async Task ConfigShow_NothingConfigured_ShowsTheSimulatorAndDefaults()
    {
        using var dir = new TempDirectory();
        var cli = new CliHarness { WorkingDirectory = dir.Path };

        int exit = await cli.InvokeAsync(["config", "show", "--json"]);

        Assert.Equal(0, exit);
        using JsonDocument doc = JsonDocument.Parse(cli.Output.ToString());
        JsonElement root = doc.RootElement;
        Assert.Equal(JsonValueKind.Null, root.GetProperty("config_file").ValueKind);
        Assert.Equal(dir.File("chorus.yaml"), root.GetProperty("looked_for").GetString());
        Assert.Equal("the embedded simulator (no real LLM)", Value(root, "endpoint"));
        Assert.Equal("chorus-sim-1 (simulated)", Value(root, "model"));
        Assert.Equal("not set", Value(root, "api_key"));
        Assert.Equal("default", Source(root, "api_key"));
        Assert.Equal("each recipe's default", Value(root, "max_concurrency"));
        Assert.Equal("seed 42, model chorus-sim-1, latency 300 ms, 4 ms/token, rpm unlimited, tpm unlimited", Value(root, "simulator"));
    }

    [Fact]
    public async Task ConfigShow_FileEnvironmentAndFlags_FlagsWinThenEnvironmentThenFile()
    {
        using var dir = new TempDirectory();
        dir.Write("chorus.yaml", """
            endpoint: http://file.example/v1
            model: file-model
            max_concurrency: 3
            prices:
              file-model: { input: 0.5, output: 1.5 }
            simulator:
              seed: 7
            """);
        var cli = new CliHarness { WorkingDirectory = dir.Path };
        cli.Variables["CHORUS_ENDPOINT"] = "http://env.example/v1";
        cli.Variables["CHORUS_MODEL"] = "env-model";

        int exit = await cli.InvokeAsync(["config", "show", "--json", "--model", "flag-model"]);

        Assert.Equal(0, exit);
        using JsonDocument doc = JsonDocument.Parse(cli.Output.ToString());
        JsonElement root = doc.RootElement;
        Assert.Equal(dir.File("chorus.yaml"), root.GetProperty("config_file").GetString());
        Assert.Equal("http://env.example/v1", Value(root, "endpoint"));
        Assert.Equal("CHORUS_ENDPOINT", Source(root, "endpoint"));
        Assert.Equal("flag-model", Value(root, "model"));
        Assert.Equal("--model", Source(root, "model"));
        Assert.Equal("3", Value(root, "max_concurrency"));
        Assert.Equal("chorus.yaml", Source(root, "max_concurrency"));
        Assert.Equal("file-model $0.5/M in, $1.5/M out", Value(root, "prices"));
        Assert.StartsWith("not used (seed 7,", Value(root, "simulator"));
    }

    [Fact]
    public async Task ConfigShow_Secrets_AreNeverPrinted()
    {
        using var dir = new TempDirectory();
        dir.Write("custom.yaml", "api_key: sk-from-file-000\nendpoint: https://user:pw-secret@example.com/v1?api-key=q-secret\n");
        var cli = new CliHarness { WorkingDirectory = dir.Path };
        cli.Variables["OPENAI_API_KEY"] = "sk-from-env-111";

        int exitText = await cli.InvokeAsync(["config", "show", "--config", "custom.yaml"]);
        int exitJson = await cli.InvokeAsync(["config", "show", "--config", "custom.yaml", "--json"]);

        Assert.Equal(0, exitText);
        Assert.Equal(0, exitJson);
        string everything = cli.Output.ToString() + cli.Error + cli.ConsoleText;
        foreach (string secret in new[] { "sk-from-file-000", "sk-from-env-111", "pw-secret", "q-secret", "user:" })
        {
            Assert.DoesNotContain(secret, everything);
        }

        Assert.Contains("https://***@example.com/v1?***", everything);
        string text = cli.ConsoleText.ToString();
        Assert.Matches(@"api key\s+set\s+OPENAI_API_KEY", text);
        Assert.Matches(@"config file\s+.*custom\.yaml\s+--config", text);
        Assert.Contains("Precedence: flags > environment variables > chorus.yaml > defaults.", text);
    }

    [Theory]
    [InlineData("model: [a\n", "chorus: chorus.yaml:2: YAML syntax error: ")]
    [InlineData("modle: x\n", "chorus: chorus.yaml:1: unknown key 'modle' in chorus.yaml.")]
    [InlineData("endpoint: localhost:8080\n", "chorus: chorus.yaml:1: endpoint must be an absolute http(s) base URL such as https://api.openai.com/v1; got 'localhost:8080'.")]
    [InlineData("max_concurrency: 0\n", "chorus: chorus.yaml:1: 'max_concurrency' must be a whole number of at least 1; got '0'.")]
    [InlineData("prices:\n  m: { input: 1 }\n", "chorus: chorus.yaml:2: the price of 'm' has no output (dollars per million output tokens).")]
    [InlineData("simulator:\n  latency_ms: -5\n", "chorus: chorus.yaml:2: simulator latency_ms: LatencyMs must be a finite number, zero or more, was -5.\n")]
    public async Task ConfigFile_Bad_IsAOneLineUsageErrorWithTheLine(string yaml, string expected)
    {
        using var dir = new TempDirectory();
        dir.Write("chorus.yaml", yaml);
        var cli = new CliHarness { WorkingDirectory = dir.Path };

        int exit = await cli.InvokeAsync(["config", "show"]);

        Assert.Equal(1, exit);
        Assert.StartsWith(expected, cli.Error.ToString());
        Assert.True(cli.Error.ToString().TrimEnd().Split('\n').Length <= 2, cli.Error.ToString());
    }

    [Fact]
    public async Task ConfigFlag_MissingFile_IsAUsageError()
    {
        (int exit, CliHarness cli) = await CliHarness.RunAsync("config", "show", "--config", "/nonexistent/chorus.yaml");

        Assert.Equal(1, exit);
        Assert.StartsWith("chorus: cannot read 'chorus.yaml': ", cli.Error.ToString());
    }

    [Fact]
    public async Task Vote_EndpointFromTheEnvironment_IsUsedWhenNoFlagOverridesIt()
    {
        var cli = new CliHarness();
        cli.Variables["CHORUS_ENDPOINT"] = "http://127.0.0.1:9/v1";
        cli.Variables["CHORUS_MODEL"] = "m";

        int exit = await cli.InvokeAsync(["vote", "q?", "--samples", "1", "--json"]);

        Assert.Equal(3, exit);    // nothing listens on port 9: the environment's endpoint was used
    }

    private static string? Value(JsonElement root, string setting) => root.GetProperty(setting).GetProperty("value").GetString();

    private static string? Source(JsonElement root, string setting) => root.GetProperty(setting).GetProperty("source").GetString();
}
