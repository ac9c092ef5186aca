using System.CommandLine;
using Chorus.Cli.Commands;
using Chorus.Cli.Connection;
using Chorus.Simulator;

namespace Chorus.Cli;

/// <summary>Builds the command tree, binds values and maps errors to exit codes. Each verb's work is in <c>Commands/</c>.</summary>
internal static class Program
{
    /// <summary>Where the key for a real endpoint comes from; it is passed to the client and never printed.</summary>
    private const string ApiKeyVariable = "OPENAI_API_KEY";

    public static Task<int> Main(string[] args) => RunAsync(args, CliEnvironment.System);

    internal static async Task<int> RunAsync(string[] args, CliEnvironment env, CancellationToken cancellationToken = default)
    {
        RootCommand root = Build(env);
        ParseResult parse = root.Parse(args);
        bool verbose = parse.GetValue(CommonOptions.Verbose);
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = env.Output, Error = env.Error, EnableDefaultExceptionHandler = false }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (CliUsageException ex)
        {
            await env.Error.WriteLineAsync($"chorus: {ex.Message}{(ex.Hint is null ? string.Empty : $"\n  hint: {ex.Hint}")}").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }
        catch (OperationCanceledException)
        {
            await env.Error.WriteLineAsync("chorus: cancelled.").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
        catch (Exception ex) when (ex is ChatProviderException or HttpRequestException)
        {
            await env.Error.WriteLineAsync($"chorus: the provider could not be reached or refused: {ex.Message}\n  hint: check --endpoint, --model and OPENAI_API_KEY{(verbose ? $"\n{ex}" : string.Empty)}").ConfigureAwait(false);
            return ExitCodes.ProviderUnreachable;
        }
    }

    private static RootCommand Build(CliEnvironment env)
    {
        var root = new RootCommand("Chorus: run many LLM calls at once and join them into one trustworthy answer.")
        {
            CommonOptions.Endpoint, CommonOptions.Model, CommonOptions.Verbose,
        };

        var scenario = new Option<string?>("--scenario") { Description = "Run only this scenario." };
        var demo = new Command("demo", "Run the seed scenarios (map-reduce, guardrail, vote, jury) on the embedded simulated model, or on --endpoint.")
        {
            CommonOptions.Json, scenario,
        };
        demo.SetAction((parse, ct) => new DemoCommand(env).InvokeAsync(Connection(parse, env), JsonTarget(parse), parse.GetValue(scenario), ct));
        root.Add(demo);

        root.Add(CodeVerb(env));

        var flags = new SimulatorFlags();
        var sim = new Command("sim", "Serve the OpenAI-compatible simulator on 127.0.0.1 (prints its base URL first).");
        foreach (Option option in flags.All)
        {
            sim.Add(option);
        }

        sim.SetAction((parse, ct) => new SimCommand(env).InvokeAsync(flags.Bind(parse), parse.GetValue(flags.Port), ct));
        root.Add(sim);
        return root;
    }

    private static Command CodeVerb(CliEnvironment env)
    {
        var task = new Option<string>("--task") { Description = "File with the task prompt.", Required = true, HelpName = "FILE" };
        var tests = new Option<string>("--tests") { Description = "File with the tests (Python: imports from solution; C#: top-level statements that return 0 on success).", Required = true, HelpName = "FILE" };
        var samples = new Option<int>("--samples") { Description = "How many candidates to generate.", DefaultValueFactory = _ => 5 };
        var language = new Option<Chorus.Sandbox.CodeLanguage?>("--language") { Description = "Python or CSharp; default: from the tests file's extension (.cs is C#)." };
        var timeout = new Option<int>("--timeout") { Description = "Wall-time limit of one test run, in seconds.", DefaultValueFactory = _ => 5 };
        var repetitions = new Option<int>("--repetitions") { Description = "Runs per passing candidate; the median runtime ranks them.", DefaultValueFactory = _ => 3 };
        var code = new Command("code", "Best-of-N code: generate candidates, run each against your tests in a sandbox, pick the passing and fastest one.")
        {
            task, tests, samples, language, timeout, repetitions, CommonOptions.Json,
        };
        code.SetAction((parse, ct) => new CodeCommand(env).InvokeAsync(
            Connection(parse, env),
            new CodeArguments(parse.GetValue(task)!, parse.GetValue(tests)!, parse.GetValue(samples), parse.GetValue(language), parse.GetValue(timeout), parse.GetValue(repetitions), JsonTarget(parse)),
            ct));
        return code;
    }

    /// <summary>The default demo simulator: noticeable latency so parallelism shows, fixed seed so runs repeat.</summary>
    private static SimulatorOptions DemoSimulator() => new() { Seed = 42, LatencyMs = 300, MsPerToken = 4 };

    private static ConnectionSettings Connection(ParseResult parse, CliEnvironment env) => new(
        parse.GetValue(CommonOptions.Endpoint),
        parse.GetValue(CommonOptions.Model),
        env.GetVariable(ApiKeyVariable),
        DemoSimulator());

    /// <summary>Maps <c>--json</c> to "-" (standard output), a file path, or <see langword="null"/> when absent.</summary>
    private static string? JsonTarget(ParseResult parse) =>
        parse.GetResult(CommonOptions.Json) is null ? null : parse.GetValue(CommonOptions.Json) ?? "-";
}
