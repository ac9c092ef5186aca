using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Chorus.Simulator.Tests;

/// <summary>Starts a zero-latency simulator and talks to it over real loopback HTTP.</summary>
internal sealed class SimulatorHarness : IAsyncDisposable
{
    private SimulatorHarness(SimulatorServer server)
    {
        Server = server;
        Http = new HttpClient { BaseAddress = server.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
    }

    public SimulatorServer Server { get; }

    public HttpClient Http { get; }

    public static SimulatorOptions FastOptions(Action<SimulatorOptions>? configure = null)
    {
        var options = new SimulatorOptions { LatencyMs = 0, MsPerToken = 0, LatencyJitter = 0 };
        configure?.Invoke(options);
        return options;
    }

    public static async Task<SimulatorHarness> StartAsync(Action<SimulatorOptions>? configure = null) =>
        new(await SimulatorServer.StartAsync(FastOptions(configure)));

    public static JsonObject Request(string userMessage, Action<JsonObject>? configure = null)
    {
        var body = new JsonObject
        {
            ["model"] = "chorus-sim-1",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = userMessage }),
        };
        configure?.Invoke(body);
        return body;
    }

    public Task<HttpResponseMessage> PostAsync(JsonObject body, CancellationToken cancellationToken = default) =>
        Http.PostAsync("chat/completions", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), cancellationToken);

    public async Task<JsonObject> CompleteAsync(JsonObject body)
    {
        using HttpResponseMessage response = await PostAsync(body);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public async Task<string> AskAsync(string userMessage, Action<JsonObject>? configure = null)
    {
        JsonObject completion = await CompleteAsync(Request(userMessage, configure));
        return (string)completion["choices"]![0]!["message"]!["content"]!;
    }

    /// <summary>Reads an SSE body into its <c>data:</c> payloads, in order.</summary>
    public static List<string> ReadEvents(string body)
    {
        var events = new List<string>();
        foreach (string block in body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.StartsWith("data: ", block, StringComparison.Ordinal);
            events.Add(block["data: ".Length..]);
        }

        return events;
    }

    public async Task<JsonDocument> GetJsonAsync(string absolutePath)
    {
        using HttpResponseMessage response = await Http.GetAsync(new Uri(Server.BaseUri, absolutePath));
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
