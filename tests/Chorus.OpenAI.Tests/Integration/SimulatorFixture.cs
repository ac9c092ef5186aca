using Chorus.Simulator;

namespace Chorus.OpenAI.Tests.Integration;

/// <summary>Starts a zero-latency simulator on loopback and a client pointed at it, over real HTTP.</summary>
internal sealed class SimulatorFixture : IAsyncDisposable
{
    private SimulatorFixture(SimulatorServer server, OpenAICompatibleChatClient client, CountingHandler counter)
    {
        Server = server;
        Client = client;
        Counter = counter;
    }

    public SimulatorServer Server { get; }

    public OpenAICompatibleChatClient Client { get; }

    /// <summary>Counts the HTTP requests that actually left the client.</summary>
    public CountingHandler Counter { get; }

    public static async Task<SimulatorFixture> StartAsync(Action<SimulatorOptions>? configure = null, TimeSpan? networkTimeout = null)
    {
        var options = new SimulatorOptions { LatencyMs = 0, MsPerToken = 0, LatencyJitter = 0 };
        configure?.Invoke(options);
        SimulatorServer server = await SimulatorServer.StartAsync(options);
        var counter = new CountingHandler();
        var client = new OpenAICompatibleChatClient(new OpenAICompatibleOptions
        {
            Endpoint = server.BaseUri,
            Model = "chorus-sim-1",
            ReadApiKeyFromEnvironment = false,
            HttpClient = new HttpClient(counter),
            NetworkTimeout = networkTimeout ?? TimeSpan.FromSeconds(30),
        });
        return new SimulatorFixture(server, client, counter);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>Waits for a condition by yielding, never by sleeping; real time is only a hang guard.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            guard.Token.ThrowIfCancellationRequested();
            await Task.Yield();
        }
    }
}

internal sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private int _sent;

    public int Sent => Volatile.Read(ref _sent);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _sent);
        return base.SendAsync(request, cancellationToken);
    }
}
