using System.CommandLine;
using Chorus.Cli.Configuration;
using Chorus.Cli.Progress;

namespace Chorus.Cli.Runs;

/// <summary>The flags every run verb (vote, jury, map, guard, run, and any verb added later) shares, and their binding.</summary>
/// <remarks>A verb calls <see cref="AddTo"/> when it defines its command and <see cref="Bind"/> in its action.</remarks>
internal static class RunFlags
{
    public static Option<string?> Report { get; } = new("--report")
    {
        Description = "Write a self-contained HTML page (timeline, tokens, cost, evidence) to FILE.",
        HelpName = "FILE",
    };

    public static Option<ProgressMode> Progress { get; } = EnumOption.Create(
        "--progress", "How progress is shown: auto is a live table on a terminal, else plain lines on standard error.", ProgressMode.Auto);

    public static Option<int?> Concurrency { get; } = new("--concurrency")
    {
        Description = "Most branches in flight at once (default: the recipe's, or max_concurrency from chorus.yaml / CHORUS_MAX_CONCURRENCY).",
    };

    public static Option<double?> Timeout { get; } = new("--timeout")
    {
        Description = "Seconds one branch may take before it fails with a timeout.",
        HelpName = "SECONDS",
    };

    public static Option<double?> Deadline { get; } = new("--deadline")
    {
        Description = "Seconds the whole run may take; branches still running then time out.",
        HelpName = "SECONDS",
    };

    public static Option<string?> Hedge { get; } = new Option<string?>("--hedge")
    {
        Description = "Race a second attempt when one runs past the endpoint's 95th-percentile latency, within a budget of one per ten calls (default on).",
        HelpName = "on|off",
    }.AcceptOnlyFromAmong("on", "off");

    public static Option<double?> AttemptTimeout { get; } = new("--attempt-timeout")
    {
        Description = "Seconds one attempt may take before it is retried (default: adaptive, 3 × the endpoint's 99th-percentile latency, 2 s to 120 s).",
        HelpName = "SECONDS",
    };

    /// <summary>Gets the journal and spend-cap flags (<c>--journal</c>, <c>--cache</c>, <c>--dry-run</c>, <c>--max-run-tokens</c>, <c>--max-run-cost</c>).</summary>
    public static JournalFlags Journal { get; } = new();

    public static void AddTo(Command command)
    {
        foreach (Option option in Journal.All)
        {
            command.Add(option);
        }

        command.Add(CommonOptions.Json);
        command.Add(Report);
        command.Add(Progress);
        command.Add(Concurrency);
        command.Add(Timeout);
        command.Add(Deadline);
        command.Add(Hedge);
        command.Add(AttemptTimeout);
    }

    /// <summary>The effective configuration: <c>chorus.yaml</c>, environment variables, then the flags on this command line.</summary>
    /// <param name="parse">The parsed command line.</param>
    /// <param name="env">The environment (variables, working directory).</param>
    /// <param name="concurrency">The <c>--concurrency</c> flag, for verbs that have it.</param>
    public static ChorusConfig Config(ParseResult parse, CliEnvironment env, int? concurrency = null)
    {
        CliUsageException.Require(concurrency is null or >= 1, $"--concurrency must be at least 1; got {concurrency}.");
        bool? hedge = parse.GetResult(Hedge) is null ? null : parse.GetValue(Hedge) == "on";
        TimeSpan? attemptTimeout = parse.GetResult(AttemptTimeout) is null ? null : Seconds(parse.GetValue(AttemptTimeout), "--attempt-timeout");
        return ConfigLoader.Load(env, new ConfigFlags(
            parse.GetValue(CommonOptions.Config), parse.GetValue(CommonOptions.Endpoint), parse.GetValue(CommonOptions.Model), concurrency, hedge, attemptTimeout));
    }

    public static RunSettings Bind(ParseResult parse, CliEnvironment env)
    {
        // JournalFlags checks the caps (positive) as it applies them; apply to a probe, then carry the values.
        var caps = new RunLimits();
        Journal.Apply(parse, new PlanRunnerOptions(), caps, null);
        return new RunSettings(
            Config(parse, env, parse.GetValue(Concurrency)),
            JsonTarget(parse),
            parse.GetValue(Report),
            parse.GetValue(Progress),
            Seconds(parse.GetValue(Timeout), "--timeout"),
            Seconds(parse.GetValue(Deadline), "--deadline"))
        {
            MaxTokens = caps.MaxTokens,
            MaxCost = caps.MaxCost,
            Journal = new JournalBinding(Journal, parse),
        };
    }

    /// <summary>Maps <c>--json</c> to "-" (standard output), a file path, or <see langword="null"/> when absent.</summary>
    public static string? JsonTarget(ParseResult parse) =>
        parse.GetResult(CommonOptions.Json) is null ? null : parse.GetValue(CommonOptions.Json) ?? "-";

    private static TimeSpan? Seconds(double? value, string flag) => value switch
    {
        null => null,
        > 0 and <= 86_400 => TimeSpan.FromSeconds(value.Value),
        _ => throw new CliUsageException($"{flag} must be a number of seconds above 0 and at most 86400; got {value}."),
    };
}
