using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Chorus.Cli.Configuration;
using Chorus.Cli.Runs;
using Chorus.Simulator;
using Spectre.Console;

namespace Chorus.Cli.Commands;

/// <summary><c>chorus config show</c>: the effective configuration (file, then environment, then flags) and where each value came from.
/// Secrets are never printed: the key shows as <c>set</c> or <c>not set</c>, and credentials in the endpoint URL are masked.</summary>
internal sealed class ConfigCommand(CliEnvironment env)
{
    public static Command Define(CliEnvironment env)
    {
        var json = new Option<bool>("--json") { Description = "Print the configuration as JSON." };
        var show = new Command("show", "Print the effective configuration, secrets redacted, with where each value came from.") { json };
        show.SetAction((parse, ct) => new ConfigCommand(env).ShowAsync(RunFlags.Config(parse, env), parse.GetValue(json), ct));
        return new Command("config", "Inspect the configuration: chorus.yaml, then CHORUS_* / OPENAI_API_KEY variables, then flags.") { show };
    }

    public async Task<int> ShowAsync(ChorusConfig config, bool json, CancellationToken cancellationToken)
    {
        IReadOnlyList<(string Setting, string Value, string Source)> rows = Rows(config);
        if (json)
        {
            await env.Output.WriteLineAsync(ToJson(config, rows)).ConfigureAwait(false);
            await env.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        var table = new Table().Border(TableBorder.Simple).AddColumn("setting").AddColumn("value").AddColumn("from");
        foreach ((string setting, string value, string source) in rows)
        {
            table.AddRow(Markup.Escape(setting), Markup.Escape(value), Markup.Escape(source));
        }

        env.Console.Write(table);
        env.Console.MarkupLine("[grey]Precedence: flags > environment variables > chorus.yaml > defaults.[/]");
        return ExitCodes.Success;
    }

    internal static IReadOnlyList<(string Setting, string Value, string Source)> Rows(ChorusConfig config)
    {
        SimulatorOptions sim = config.Simulator;
        string simulator = string.Create(CultureInfo.InvariantCulture,
            $"seed {sim.Seed}, model {sim.Model}, latency {sim.LatencyMs} ms, {sim.MsPerToken} ms/token, rpm {Limit(sim.RequestsPerMinute)}, tpm {Limit(sim.TokensPerMinute)}");
        return
        [
            ("config file", config.FilePath ?? $"none ({config.LookedFor} not found)", config.FilePath is null ? "-" : config.SourceOf("config")),
            ("endpoint", config.Endpoint is { } e ? Redact(e) : "the embedded simulator (no real LLM)", config.SourceOf("endpoint")),
            ("model", config.Model ?? (config.Endpoint is null ? $"{sim.Model} (simulated)" : "not set (required with an endpoint)"), config.SourceOf("model")),
            ("api key", config.ApiKey is null ? "not set" : "set", config.SourceOf("api_key")),
            ("max concurrency", config.MaxConcurrency?.ToString(CultureInfo.InvariantCulture) ?? "each recipe's default", config.SourceOf("max_concurrency")),
            ("prices", config.Prices.Count == 0 ? "none (cost is unknown for real models)" : string.Join("; ", config.Prices.Select(p =>
                string.Create(CultureInfo.InvariantCulture, $"{p.Key} ${p.Value.InputPerMillion}/M in, ${p.Value.OutputPerMillion}/M out"))), config.SourceOf("prices")),
            ("simulator", config.Endpoint is null ? simulator : $"not used ({simulator})", config.SourceOf("simulator")),
        ];
    }

    /// <summary>Masks credentials an endpoint URL may carry (user info, query string); the key itself is never in the config's printable values.</summary>
    internal static string Redact(Uri endpoint)
    {
        var builder = new UriBuilder(endpoint);
        if (builder.UserName.Length > 0 || builder.Password.Length > 0)
        {
            builder.UserName = "***";
            builder.Password = string.Empty;
        }

        if (builder.Query.Length > 0)
        {
            builder.Query = "***";
        }

        return builder.Uri.ToString();
    }

    private static string Limit(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "unlimited";

    private static string ToJson(ChorusConfig config, IReadOnlyList<(string Setting, string Value, string Source)> rows)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("config_file", config.FilePath);
            writer.WriteString("looked_for", config.LookedFor);
            foreach ((string setting, string value, string source) in rows.Skip(1))
            {
                writer.WriteStartObject(setting.Replace(' ', '_'));
                writer.WriteString("value", value);
                writer.WriteString("source", source);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
