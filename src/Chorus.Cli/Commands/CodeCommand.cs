using System.CommandLine;
using Chorus.Cli.Runs;
using Chorus.Sandbox;
using Microsoft.Extensions.AI;
using Chorus.Recipes;

using Chorus.Providers;

namespace Chorus.Cli.Commands;

/// <summary>
/// <c>chorus code</c>: best-of-N code generation. N branches (each with its own persona) answer the task; the code of each reply runs
/// against the caller's tests in the sandbox (bubblewrap: own namespaces, unprivileged, no network, limits); passing first, then the fastest wins.
/// Without isolation it refuses unless <c>--allow-unsandboxed</c> is given.
/// </summary>
internal sealed class CodeCommand(CliEnvironment env)
{
    /// <summary>The personas the samples cycle through, so the candidates differ as they would across prompts.</summary>
    private static readonly string[] Personas =
    [
        "You are a careful senior engineer. Prefer clear, efficient code.",
        "You write the shortest code that works.",
        "You are a competitive programmer who optimizes for speed.",
        "You are a teacher who writes simple, readable code.",
        "You are a pragmatic engineer on a deadline.",
    ];

    /// <summary>The variable naming the <c>bwrap</c> executable, when it is not <c>bwrap</c> on the PATH.</summary>
    public const string BubblewrapVariable = "CHORUS_BWRAP";

    public static Command Define(CliEnvironment env)
    {
        var task = new Option<string>("--task") { Description = "File with the task prompt.", Required = true, HelpName = "FILE" };
        var tests = new Option<string>("--tests") { Description = "File with the tests (Python: imports from solution; C#: top-level statements that return 0 on success).", Required = true, HelpName = "FILE" };
        var samples = new Option<int>("--samples") { Description = "How many candidates to generate.", DefaultValueFactory = _ => 5 };
        var language = new Option<CodeLanguage?>("--language") { Description = "Python or CSharp; default: from the tests file's extension (.cs is C#)." };
        var testTimeout = new Option<int>("--test-timeout") { Description = "Wall-time limit of one test run, in seconds.", DefaultValueFactory = _ => 5 };
        var repetitions = new Option<int>("--repetitions") { Description = "Runs per passing candidate; the median runtime ranks them.", DefaultValueFactory = _ => 3 };
        var allowUnsandboxed = new Option<bool>("--allow-unsandboxed")
        {
            Description = "Run model-written code even where bubblewrap isolation is unavailable (as this user, with its files and processes in reach). Default: refuse.",
        };
        var command = new Command("code", "Best-of-N code: generate candidates, run each against your tests in a bubblewrap sandbox, pick the passing and fastest one.")
        {
            task, tests, samples, language, testTimeout, repetitions, allowUnsandboxed,
        };
        RunFlags.AddTo(command);
        command.SetAction((parse, ct) => new CodeCommand(env).InvokeAsync(
            RunFlags.Bind(parse, env),
            new CodeArguments(parse.GetValue(task)!, parse.GetValue(tests)!, parse.GetValue(samples), parse.GetValue(language), parse.GetValue(testTimeout), parse.GetValue(repetitions), parse.GetValue(allowUnsandboxed)),
            ct));
        return command;
    }

    public async Task<int> InvokeAsync(RunSettings settings, CodeArguments arguments, CancellationToken cancellationToken)
    {
        string task = ReadFile(arguments.TaskFile, "--task");
        string tests = ReadFile(arguments.TestsFile, "--tests");
        CodeLanguage language = arguments.Language ?? (Path.GetExtension(arguments.TestsFile).Equals(".cs", StringComparison.OrdinalIgnoreCase) ? CodeLanguage.CSharp : CodeLanguage.Python);
        CliUsageException.Require(arguments.Samples is >= 1 and <= 64, $"--samples must be between 1 and 64; got {arguments.Samples}.");
        CliUsageException.Require(arguments.TimeoutSeconds is >= 1 and <= 600, $"--test-timeout must be between 1 and 600 seconds; got {arguments.TimeoutSeconds}.");
        CliUsageException.Require(arguments.Repetitions is >= 1 and <= 20, $"--repetitions must be between 1 and 20; got {arguments.Repetitions}.");

        var sandbox = new CodeSandbox(new SandboxOptions
        {
            WallTimeout = TimeSpan.FromSeconds(arguments.TimeoutSeconds),
            AllowUnsandboxed = arguments.AllowUnsandboxed,
            BubblewrapPath = env.GetVariable(BubblewrapVariable),
            RedactOutput = new SecretMask(settings.Config.ApiKey).Apply,
        });
        SandboxIsolation isolation = await sandbox.GetIsolationAsync().ConfigureAwait(false);
        if (!isolation.Available && !arguments.AllowUnsandboxed)
        {
            // Refuse before any model call is paid for: nothing could be run.
            throw new CliUsageException($"code: refusing to run model-written code without isolation: {isolation.Note}; pass --allow-unsandboxed to run it unisolated.");
        }

        var aggregator = new CodeBestOfAggregator(new CodeBestOfOptions
        {
            Tests = tests,
            Language = language,
            Repetitions = arguments.Repetitions,
            Sandbox = sandbox,
            Task = task,
        });
        return await new RecipeRunner(env).RunAsync("code", settings, context =>
        {
            Branch[] branches = [.. Enumerable.Range(0, arguments.Samples).Select(i => new Branch(
                RecipeBranches.SampleLabel(i),
                context.Client,
                [new ChatMessage(ChatRole.System, Personas[i % Personas.Length]), new ChatMessage(ChatRole.User, task)]))];
            Plan<CodeBestOfResult> plan = Plans.BestOf("code", branches, aggregator, settings.Limits(defaultConcurrency: arguments.Samples));
            return Recipe.Of($"best of {arguments.Samples} {language} candidates", plan, result => Describe(result, isolation));
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The winner's code, every candidate's outcome, and the isolation the candidates ran under.</summary>
    private static string Describe(CodeBestOfResult result, SandboxIsolation isolation)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"winner: {result.Candidates[0].Label}");
        text.AppendLine(result.Code.TrimEnd());
        text.AppendLine("candidates (rank, label, status, median ms, detail):");
        foreach (CodeCandidateResult c in result.Candidates)
        {
            string median = c.Evaluation.MedianRuntime is { } m ? m.TotalMilliseconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : "-";
            text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"  {c.Rank}. {c.Label}  {(c.Evaluation.Passed ? "passed" : c.Evaluation.Status.ToString())}  {median}  {c.Evaluation.Detail}");
        }

        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"isolation: {isolation.Describe()}");
        return text.ToString();
    }

    private static string ReadFile(string path, string option)
    {
        if (!File.Exists(path))
        {
            throw new CliUsageException($"{option} file '{path}' does not exist.");
        }

        string text = File.ReadAllText(path);
        return string.IsNullOrWhiteSpace(text) ? throw new CliUsageException($"{option} file '{path}' is empty.") : text;
    }
}

/// <summary>The values of <c>chorus code</c>.</summary>
internal sealed record CodeArguments(string TaskFile, string TestsFile, int Samples, CodeLanguage? Language, int TimeoutSeconds, int Repetitions, bool AllowUnsandboxed = false);
