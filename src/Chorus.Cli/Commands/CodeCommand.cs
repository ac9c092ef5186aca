using Chorus.Cli.Connection;
using Chorus.Cli.Rendering;
using Chorus.Sandbox;
using Microsoft.Extensions.AI;
using Spectre.Console;

namespace Chorus.Cli.Commands;

/// <summary>
/// <c>chorus code</c>: best-of-N code generation. N branches (each with its own persona) answer the task; the code of each reply runs
/// against the caller's tests in the sandbox (separate process, limits, no network where allowed); passing first, then the fastest wins.
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

    public async Task<int> InvokeAsync(ConnectionSettings settings, CodeArguments arguments, CancellationToken cancellationToken)
    {
        string task = ReadFile(arguments.TaskFile, "--task");
        string tests = ReadFile(arguments.TestsFile, "--tests");
        CodeLanguage language = arguments.Language ?? (Path.GetExtension(arguments.TestsFile).Equals(".cs", StringComparison.OrdinalIgnoreCase) ? CodeLanguage.CSharp : CodeLanguage.Python);
        if (arguments.Samples is < 1 or > 64)
        {
            throw new CliUsageException($"--samples must be between 1 and 64, was {arguments.Samples}.");
        }

        await using ModelConnection connection = await ModelConnection.OpenAsync(settings, cancellationToken).ConfigureAwait(false);
        var sandbox = new CodeSandbox(new SandboxOptions { WallTimeout = TimeSpan.FromSeconds(arguments.TimeoutSeconds) });
        var aggregator = new CodeBestOfAggregator(new CodeBestOfOptions
        {
            Tests = tests,
            Language = language,
            Repetitions = arguments.Repetitions,
            Sandbox = sandbox,
            Task = task,
        });
        Branch[] branches = [.. Enumerable.Range(0, arguments.Samples).Select(i => new Branch(
            $"sample-{i + 1}",
            connection.Client,
            [new ChatMessage(ChatRole.System, Personas[i % Personas.Length]), new ChatMessage(ChatRole.User, task)]))];
        var plan = new Plan<CodeBestOfResult>("code", branches, aggregator);
        var runner = new PlanRunner(new PlanRunnerOptions { Prices = connection.Prices });
        bool quiet = arguments.Json == "-";
        SandboxIsolation isolation = await sandbox.GetIsolationAsync().ConfigureAwait(false);
        if (!quiet)
        {
            env.Console.MarkupLine($"[bold]Best of {arguments.Samples}[/] {language} candidates on {Markup.Escape(connection.Description)}");
            env.Console.MarkupLine(isolation.Available ? $"[grey]sandbox: {Markup.Escape(isolation.Note)}[/]" : $"[yellow]sandbox: {Markup.Escape(isolation.Note)}[/]");
        }

        try
        {
            RunResult<CodeBestOfResult> result = await runner.RunAsync(plan, cancellationToken).ConfigureAwait(false);
            if (!quiet)
            {
                RenderCandidates(result.Value.Candidates);
                env.Console.MarkupLine($"[bold]winner:[/] {Markup.Escape(result.Decision.Summary)}");
                env.Console.WriteLine(result.Value.Code);
                ReportRenderer.Render(env.Console, result.Report);
            }

            await ReportOutput.WriteJsonAsync(env, arguments.Json, [result.Report], cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (RunFailedException ex) when (ex.Report is not null)
        {
            if (!quiet)
            {
                env.Console.MarkupLine($"[red]no winner:[/] {Markup.Escape(ex.Message)}");
                ReportRenderer.Render(env.Console, ex.Report);
            }

            await ReportOutput.WriteJsonAsync(env, arguments.Json, [ex.Report], cancellationToken).ConfigureAwait(false);
            return ExitCodes.ForFailedRun(ex);
        }
    }

    private void RenderCandidates(IReadOnlyList<CodeCandidateResult> candidates)
    {
        var table = new Table().AddColumns("rank", "candidate", "status", "median ms", "detail");
        foreach (CodeCandidateResult c in candidates)
        {
            string status = c.Evaluation.Passed ? "[green]passed[/]" : $"[red]{c.Evaluation.Status}[/]";
            string median = c.Evaluation.MedianRuntime is { } m ? m.TotalMilliseconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : "-";
            table.AddRow(c.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(c.Label), status, median, Markup.Escape(c.Evaluation.Detail));
        }

        env.Console.Write(table);
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
internal sealed record CodeArguments(string TaskFile, string TestsFile, int Samples, CodeLanguage? Language, int TimeoutSeconds, int Repetitions, string? Json);
