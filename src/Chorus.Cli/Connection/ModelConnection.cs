using Chorus.OpenAI;
using Chorus.Simulator;
using Microsoft.Extensions.AI;
using Chorus.Estimation;
using Chorus.Resilience;
using Chorus.Scheduling;

namespace Chorus.Cli.Connection;

/// <summary>An open connection to a model: a real endpoint, or the simulator started on a loopback port for this process.</summary>
/// <remarks>Both go through the same OpenAI-compatible HTTP client: the simulator is only a different server.</remarks>
internal sealed class ModelConnection : IAsyncDisposable
{
    /// <summary>The price the demo puts on the simulated model, so the report shows how cost adds up. Not a real price.</summary>
    public static readonly ModelPrice SimulatedPrice = new(0.15m, 0.60m);

    private readonly SimulatorServer? _server;
    private readonly EndpointScheduler _scheduler;

    private ModelConnection(IChatClient http, string model, string description, SimulatorServer? server, ConnectionSettings settings)
    {
        // What every verb gets: runner -> resilience (retries honouring Retry-After, circuit breaker) -> the endpoint's
        // budget (concurrency window, limits learned from x-ratelimit-* headers, back-off on 429) -> HTTP.
        // Defaults (README, "Defaults"): slow start from 16 doubling per round trip, hedging on within one per ten calls, attempt
        // timeouts adapted to the endpoint's latency. --hedge / --attempt-timeout (or chorus.yaml, a plan file) override the last two.
        _scheduler = new EndpointScheduler();
        var resilience = new ResilienceOptions();
        resilience.EnableHedging = settings.Hedge ?? resilience.EnableHedging;
        if (settings.AttemptTimeout is { } fixedTimeout)
        {
            resilience.AttemptTimeout = fixedTimeout;
            resilience.AdaptiveAttemptTimeout = false;
        }

        Client = http.WithScheduler(_scheduler).WithResilience(resilience);
        Model = model;
        Description = description;
        _server = server;
    }

    public IChatClient Client { get; }

    public string Model { get; }

    /// <summary>Gets a one-line description, saying plainly when the model is simulated.</summary>
    public string Description { get; }

    public bool IsSimulated => _server is not null;

    public SimulatorServer? Server => _server;

    /// <summary>Gets the prices known for this connection: the simulated model's demo price, or none for a real endpoint
    /// (so cost is "unknown" unless prices are configured).</summary>
    public PriceTable Prices => _server is null ? PriceTable.Empty : new PriceTable([new(Model, SimulatedPrice)]);

    public static async Task<ModelConnection> OpenAsync(ConnectionSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Endpoint is { } endpoint)
        {
            string endpointModel = string.IsNullOrWhiteSpace(settings.Model)
                ? await ModelDiscovery.FindOnlyModelAsync(endpoint, settings.ApiKey, cancellationToken).ConfigureAwait(false)
                : settings.Model;
            var options = new OpenAICompatibleOptions { Endpoint = endpoint, Model = endpointModel, ApiKey = settings.ApiKey };
            return new ModelConnection(new OpenAICompatibleChatClient(options), endpointModel, $"{endpoint} (model {endpointModel})", null, settings);
        }

        SimulatorServer server = await SimulatorServer.StartAsync(settings.Simulator, 0, cancellationToken).ConfigureAwait(false);
        string model = settings.Model ?? settings.Simulator.Model;
        var client = new SimulatorIdentityChatClient(
            new OpenAICompatibleChatClient(new OpenAICompatibleOptions { Endpoint = server.BaseUri, Model = model }), settings.Simulator.Seed, model);
        return new ModelConnection(client, model, $"SIMULATED model '{model}' (Chorus simulator over loopback HTTP at {server.BaseUri}; no real LLM)", server, settings);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        _scheduler.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
