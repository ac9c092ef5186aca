using System.Net;

namespace Chorus.Cli.Tests;

public class SimCommandTests
{
    /// <summary>Captures output and signals when the first line is written.</summary>
    private sealed class FirstLineWriter : StringWriter
    {
        public TaskCompletionSource<string> FirstLine { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override Task WriteLineAsync(string? value)
        {
            FirstLine.TrySetResult(value ?? string.Empty);
            return base.WriteLineAsync(value);
        }
    }

    [Fact]
    public async Task Sim_Rpm2_PrintsBaseUrlFirstAndTheThirdRequestGetsA429()
    {
        var harness = new CliHarness();
        var output = new FirstLineWriter();
        CliEnvironment env = harness.Environment with { Output = output };
        using var cts = new CancellationTokenSource();

        Task<int> server = Program.RunAsync(["sim", "--port", "0", "--rpm", "2", "--latency-ms", "0", "--ms-per-token", "0"], env, cts.Token);
        string baseUrl = await output.FirstLine.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Matches(@"^http://127\.0\.0\.1:\d+/v1$", baseUrl);
        using var http = new HttpClient();
        HttpStatusCode[] statuses = new HttpStatusCode[3];
        HttpResponseMessage? last = null;
        for (int i = 0; i < 3; i++)
        {
            last?.Dispose();
            last = await http.PostAsync($"{baseUrl}/chat/completions",
                new StringContent("""{"model":"m","messages":[{"role":"user","content":"hi"}]}""", System.Text.Encoding.UTF8, "application/json"));
            statuses[i] = last.StatusCode;
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(last!.Headers.Contains("retry-after"));
        Assert.Equal("0", Assert.Single(last.Headers.GetValues("x-ratelimit-remaining-requests")));
        last.Dispose();

        await cts.CancelAsync();
        Assert.Equal(0, await server.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Theory]
    [InlineData("--fault-5xx", "2", "--fault-5xx 2")]
    [InlineData("--rpm", "0", "--rpm 0")]
    public async Task Sim_OutOfRangeFlag_IsAUsageErrorNamingTheFlag(string flag, string value, string expected)
    {
        (int exit, CliHarness cli) = await CliHarness.RunAsync("sim", flag, value);

        Assert.Equal(1, exit);
        Assert.StartsWith($"chorus: {expected}: ", cli.Error.ToString());
    }

    [Fact]
    public async Task Sim_UnknownFlag_IsAUsageError()
    {
        (int exit, CliHarness cli) = await CliHarness.RunAsync("sim", "--bogus");

        Assert.Equal(1, exit);
        Assert.Contains("--bogus", cli.Error.ToString());
    }
}
