using Chorus.Simulator;

namespace Chorus.Cli.Connection;

/// <summary>Where the model calls go: a real OpenAI-compatible endpoint, or (when none is given) the embedded simulator.</summary>
/// <param name="Endpoint">The base URL of a real endpoint (for example <c>https://api.openai.com/v1</c>), or <see langword="null"/> for the simulator.</param>
/// <param name="Model">The model name; required with an endpoint.</param>
/// <param name="ApiKey">The key, from <c>OPENAI_API_KEY</c>; optional for local servers. Never printed.</param>
/// <param name="Simulator">The simulator's settings when no endpoint is given.</param>
internal sealed record ConnectionSettings(Uri? Endpoint, string? Model, string? ApiKey, SimulatorOptions Simulator)
{
    /// <summary>Gets whether hedging is on; <see langword="null"/> for the default (on).</summary>
    public bool? Hedge { get; init; }

    /// <summary>Gets a fixed attempt timeout; <see langword="null"/> for the default (adaptive).</summary>
    public TimeSpan? AttemptTimeout { get; init; }

    /// <inheritdoc />
    public override string ToString() => Endpoint is null ? "simulator" : $"{Endpoint} model {Model} (key {(ApiKey is null ? "not set" : "set")})";
}
