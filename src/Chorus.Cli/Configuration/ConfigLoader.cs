using System.Globalization;
using Chorus.Cli.Yaml;
using Chorus.Simulator;
using Chorus.Estimation;

namespace Chorus.Cli.Configuration;

/// <summary>Builds the effective <see cref="ChorusConfig"/>: the file, then environment variables, then flags.</summary>
internal static class ConfigLoader
{
    public const string ConfigVariable = "CHORUS_CONFIG";
    public const string EndpointVariable = "CHORUS_ENDPOINT";
    public const string ModelVariable = "CHORUS_MODEL";
    public const string ApiKeyVariable = "OPENAI_API_KEY";
    public const string ConcurrencyVariable = "CHORUS_MAX_CONCURRENCY";

    private static readonly string[] TopLevelKeys = ["endpoint", "model", "api_key", "max_concurrency", "prices", "simulator", "hedge", "attempt_timeout_s"];
    private static readonly string[] SimulatorKeys = ["seed", "model", "latency_ms", "ms_per_token", "rpm", "tpm", "burst_s", "accuracy"];

    public static ChorusConfig Load(CliEnvironment env, ConfigFlags flags)
    {
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        SimulatorOptions simulator = DefaultSimulator();
        Uri? endpoint = null;
        string? model = null, apiKey = null;
        int? concurrency = null;
        bool? hedge = null;
        TimeSpan? attemptTimeout = null;
        var prices = new Dictionary<string, ModelPrice>(StringComparer.OrdinalIgnoreCase);

        // 1. The file: --config, else CHORUS_CONFIG, else chorus.yaml in the working directory if it exists.
        (string? path, string lookedFor, bool required) = Locate(env, flags);
        if (path is not null && (required || File.Exists(path)))
        {
            string name = Path.GetFileName(path);
            sources["config"] = flags.ConfigFile is not null ? "--config" : Variable(env, ConfigVariable) is not null ? ConfigVariable : "working directory";
            YamlMap file = YamlFile.Load(path, name);
            file.RejectUnknownKeys(name, TopLevelKeys);
            if (file.String("endpoint") is { } text)
            {
                endpoint = ParseEndpoint(text, m => file.ErrorAt("endpoint", m));
                sources["endpoint"] = name;
            }

            Take(file.String("model"), ref model, "model", name, sources);
            Take(file.String("api_key"), ref apiKey, "api_key", name, sources);
            if (file.Int("max_concurrency", 1) is { } c)
            {
                concurrency = c;
                sources["max_concurrency"] = name;
            }

            if (file.Bool("hedge") is { } h)
            {
                hedge = h;
                sources["hedge"] = name;
            }

            if (file.Double("attempt_timeout_s", 0.001, 86_400) is { } t)
            {
                attemptTimeout = TimeSpan.FromSeconds(t);
                sources["attempt_timeout_s"] = name;
            }

            if (file.Map("prices") is { } table)
            {
                foreach ((string priced, ModelPrice price) in ReadPrices(table))
                {
                    prices[priced] = price;
                }

                sources["prices"] = name;
            }

            if (file.Map("simulator") is { } sim)
            {
                ReadSimulator(sim, simulator, name);
                sources["simulator"] = name;
            }
        }
        else
        {
            path = null;
        }

        // 2. Environment variables.
        if (Variable(env, EndpointVariable) is { } envEndpoint)
        {
            endpoint = ParseEndpoint(envEndpoint, m => new CliUsageException($"{EndpointVariable}: {m}."));
            sources["endpoint"] = EndpointVariable;
        }

        Take(Variable(env, ModelVariable), ref model, "model", ModelVariable, sources);
        Take(Variable(env, ApiKeyVariable), ref apiKey, "api_key", ApiKeyVariable, sources);
        if (Variable(env, ConcurrencyVariable) is { } envConcurrency)
        {
            concurrency = int.TryParse(envConcurrency, NumberStyles.Integer, CultureInfo.InvariantCulture, out int c) && c > 0
                ? c
                : throw new CliUsageException($"{ConcurrencyVariable} must be a positive whole number; got '{envConcurrency}'.");
            sources["max_concurrency"] = ConcurrencyVariable;
        }

        // 3. Flags.
        if (flags.Endpoint is not null)
        {
            endpoint = flags.Endpoint;
            sources["endpoint"] = "--endpoint";
        }

        Take(flags.Model, ref model, "model", "--model", sources);
        if (flags.MaxConcurrency is { } flagConcurrency)
        {
            concurrency = flagConcurrency;
            sources["max_concurrency"] = "--concurrency";
        }

        if (flags.Hedge is { } flagHedge)
        {
            hedge = flagHedge;
            sources["hedge"] = "--hedge";
        }

        if (flags.AttemptTimeout is { } flagTimeout)
        {
            attemptTimeout = flagTimeout;
            sources["attempt_timeout_s"] = "--attempt-timeout";
        }

        return new ChorusConfig
        {
            Hedge = hedge,
            AttemptTimeout = attemptTimeout,
            FilePath = path,
            LookedFor = lookedFor,
            Endpoint = endpoint,
            Model = model,
            ApiKey = apiKey,
            MaxConcurrency = concurrency,
            Prices = prices,
            Simulator = simulator,
            Sources = sources,
        };
    }

    /// <summary>The embedded simulator's defaults: noticeable latency so parallelism shows, a fixed seed so runs repeat.</summary>
    public static SimulatorOptions DefaultSimulator() => new() { Seed = 42, LatencyMs = 300, MsPerToken = 4 };

    public static IEnumerable<(string Model, ModelPrice Price)> ReadPrices(YamlMap table)
    {
        foreach ((string model, YamlMap entry) in table.Entries())
        {
            entry.RejectUnknownKeys($"the price of '{model}'", "input", "output");
            decimal input = entry.Decimal("input") ?? throw entry.Error($"the price of '{model}' has no input (dollars per million input tokens)");
            decimal output = entry.Decimal("output") ?? throw entry.Error($"the price of '{model}' has no output (dollars per million output tokens)");
            yield return (model, new ModelPrice(input, output));
        }
    }

    private static (string? Path, string LookedFor, bool Required) Locate(CliEnvironment env, ConfigFlags flags)
    {
        if (flags.ConfigFile is { } flag)
        {
            string path = env.Resolve(flag);
            return (path, path, true);
        }

        if (Variable(env, ConfigVariable) is { } variable)
        {
            string path = env.Resolve(variable);
            return (path, path, true);
        }

        string local = Path.Combine(env.WorkingDirectory, ChorusConfig.FileName);
        return (local, local, false);
    }

    private static void ReadSimulator(YamlMap sim, SimulatorOptions options, string name)
    {
        sim.RejectUnknownKeys($"{name} simulator", SimulatorKeys);
        Apply(sim, "seed", () => { if (sim.Int("seed") is { } v) { options.Seed = v; } });
        Apply(sim, "model", () => { if (sim.String("model") is { } v) { options.Model = v; } });
        Apply(sim, "latency_ms", () => { if (sim.Double("latency_ms") is { } v) { options.LatencyMs = v; } });
        Apply(sim, "ms_per_token", () => { if (sim.Double("ms_per_token") is { } v) { options.MsPerToken = v; } });
        Apply(sim, "rpm", () => { if (sim.Int("rpm") is { } v) { options.RequestsPerMinute = v; } });
        Apply(sim, "tpm", () => { if (sim.Int("tpm") is { } v) { options.TokensPerMinute = v; } });
        Apply(sim, "burst_s", () => { if (sim.Double("burst_s") is { } v) { options.BurstSeconds = v; } });
        Apply(sim, "accuracy", () => { if (sim.Double("accuracy") is { } v) { options.Accuracy = v; } });
    }

    private static void Apply(YamlMap map, string key, Action set)
    {
        try
        {
            set();
        }
        catch (ArgumentException ex)
        {
            throw map.ErrorAt(key, $"simulator {key}: {ex.Message.Split(" (Parameter")[0]}");
        }
    }

    private static Uri ParseEndpoint(string text, Func<string, Exception> error) =>
        Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw error($"endpoint must be an absolute http(s) base URL such as https://api.openai.com/v1; got '{text}'");

    private static void Take(string? value, ref string? target, string setting, string source, Dictionary<string, string> sources)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            target = value;
            sources[setting] = source;
        }
    }

    private static string? Variable(CliEnvironment env, string name) => env.GetVariable(name) is { Length: > 0 } value ? value : null;
}
