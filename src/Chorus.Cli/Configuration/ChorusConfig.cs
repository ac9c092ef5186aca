using Chorus.Cli.Connection;
using Chorus.Simulator;
using Chorus.Estimation;

namespace Chorus.Cli.Configuration;

/// <summary>The effective configuration of one invocation: <c>chorus.yaml</c>, then environment variables, then flags (flags win).</summary>
/// <remarks>Each setting remembers where it came from, for <c>chorus config show</c>. The API key is carried but never printed.</remarks>
internal sealed record ChorusConfig
{
    /// <summary>The configuration file looked for in the working directory when <c>--config</c> and <c>CHORUS_CONFIG</c> are absent.</summary>
    public const string FileName = "chorus.yaml";

    /// <summary>Gets the configuration file that was read, or <see langword="null"/> when none was found.</summary>
    public string? FilePath { get; init; }

    /// <summary>Gets where a configuration file was looked for.</summary>
    public required string LookedFor { get; init; }

    public Uri? Endpoint { get; init; }

    public string? Model { get; init; }

    /// <summary>Gets the API key; never printed, logged or written to a report.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Gets the most branches in flight at once, when configured; each recipe has its own default otherwise.</summary>
    public int? MaxConcurrency { get; init; }

    /// <summary>Gets whether hedging is on (<c>hedge:</c>, <c>--hedge</c>), or <see langword="null"/> for the default (on).</summary>
    public bool? Hedge { get; init; }

    /// <summary>Gets a fixed attempt timeout (<c>attempt_timeout_s:</c>, <c>--attempt-timeout</c>), or <see langword="null"/> for the
    /// default: adaptive to the endpoint's latency.</summary>
    public TimeSpan? AttemptTimeout { get; init; }

    /// <summary>Gets the prices per million tokens by model name.</summary>
    public IReadOnlyDictionary<string, ModelPrice> Prices { get; init; } = new Dictionary<string, ModelPrice>();

    /// <summary>Gets the embedded simulator's settings, used when no endpoint is configured.</summary>
    public required SimulatorOptions Simulator { get; init; }

    /// <summary>Gets where each setting came from: <c>default</c>, the file name, an environment variable or a flag.</summary>
    public required IReadOnlyDictionary<string, string> Sources { get; init; }

    public ConnectionSettings Connection => new(Endpoint, Model, ApiKey, Simulator) { Hedge = Hedge, AttemptTimeout = AttemptTimeout };

    public string SourceOf(string setting) => Sources.TryGetValue(setting, out string? source) ? source : "default";
}
