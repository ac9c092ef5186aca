using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Chorus.Simulator;

/// <summary>An OpenAI-compatible HTTP server on the loopback interface, backed by the simulated model.</summary>
/// <remarks>
/// Endpoints: <c>POST /v1/chat/completions</c> (JSON or server-sent events), <c>GET /v1/models</c>, <c>GET /v1/models/{id}</c>,
/// <c>GET /stats</c> and <c>POST /stats/reset</c>. It binds to 127.0.0.1 only and logs warnings and errors only, never request bodies.
/// The options are copied at start. Thread-safe. Dispose it to stop: requests left hanging by a fault are dropped, so it stops promptly.
/// </remarks>
public sealed class SimulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SimulatorStatsCounter _stats;
    private int _disposed;

    private SimulatorServer(WebApplication app, SimulatorStatsCounter stats, Uri baseUri)
    {
        _app = app;
        _stats = stats;
        BaseUri = baseUri;
    }

    /// <summary>Gets the OpenAI base address, <c>http://127.0.0.1:PORT/v1/</c>; clients append <c>chat/completions</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>Gets the bound port.</summary>
    public int Port => BaseUri.Port;

    /// <summary>Starts a simulator.</summary>
    /// <param name="options">The options; validated and copied, so later changes have no effect.</param>
    /// <param name="port">The loopback port; 0 picks a free one.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server; dispose it to stop.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The fault rates sum to more than 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="port"/> is not in [0, 65535].</exception>
    /// <exception cref="FileNotFoundException">The replay file does not exist.</exception>
    /// <exception cref="InvalidDataException">The replay file has an invalid line.</exception>
    /// <exception cref="IOException">The port is taken.</exception>
    public static async Task<SimulatorServer> StartAsync(SimulatorOptions options, int port = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        SimulatorSettings settings = SimulatorSettings.From(options);

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = typeof(SimulatorServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        // The endpoint is fixed to loopback below, so ASPNETCORE_URLS / HTTP_PORTS from the environment (set in many container images)
        // are ignored; keep the host from warning that it overrides them.
        builder.Configuration[WebHostDefaults.ServerUrlsKey] = string.Empty;
        builder.Configuration[WebHostDefaults.HttpPortsKey] = string.Empty;
        builder.Configuration[WebHostDefaults.HttpsPortsKey] = string.Empty;
        builder.Logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel", LogLevel.Error);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, port);
        });

        WebApplication app = builder.Build();
        var stats = new SimulatorStatsCounter();
        var handler = new ChatCompletionsHandler(new SimulatedModel(settings), new RateLimitGate(settings), stats, app.Lifetime.ApplicationStopping);
        MapEndpoints(app, settings, handler, stats);

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var bound = new Uri(app.Urls.First());
        return new SimulatorServer(app, stats, new Uri($"http://127.0.0.1:{bound.Port}/v1/"));
    }

    /// <summary>Gets a snapshot of the counters since start or the last <see cref="ResetStats"/>.</summary>
    /// <returns>The counters.</returns>
    public SimulatorStats GetStats() => _stats.Snapshot();

    /// <summary>Sets every counter to zero. The model's draws and the rate-limit budgets are not reset.</summary>
    public void ResetStats() => _stats.Reset();

    /// <summary>Completes when at least <paramref name="count"/> hang faults have started since the server started (for tests).</summary>
    internal Task WaitForHangsAsync(long count) => _stats.WaitForHangsAsync(count);

    /// <summary>Stops the server, dropping hung requests, and releases it. Safe to call more than once.</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await _app.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static void MapEndpoints(WebApplication app, SimulatorSettings settings, ChatCompletionsHandler handler, SimulatorStatsCounter stats)
    {
        long created = settings.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        var model = new ModelDto(settings.Model, "model", created, SimulatorConstants.Owner);
        app.MapPost("/v1/chat/completions", handler.HandleAsync);
        app.MapGet("/v1/models", (HttpContext context) =>
            WriteJsonAsync(context, new ModelListDto("list", [model]), SimulatorJsonContext.Default.ModelListDto));
        app.MapGet("/v1/models/{id}", (HttpContext context, string id) =>
            id == settings.Model
                ? WriteJsonAsync(context, model, SimulatorJsonContext.Default.ModelDto)
                : WriteJsonAsync(context, new ErrorEnvelopeDto(new ErrorDto($"The model '{id}' does not exist.", "invalid_request_error", "model", "model_not_found")), SimulatorJsonContext.Default.ErrorEnvelopeDto, StatusCodes.Status404NotFound));
        app.MapGet("/stats", (HttpContext context) => WriteJsonAsync(context, stats.Snapshot(), SimulatorJsonContext.Default.SimulatorStats));
        app.MapPost("/stats/reset", (HttpContext context) =>
        {
            stats.Reset();
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        });
    }

    private static Task WriteJsonAsync<T>(HttpContext context, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, int status = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, value, typeInfo, context.RequestAborted);
    }
}
