using System.CommandLine;
using System.Globalization;
using Chorus.Cli.Recipes;
using Chorus.Cli.Runs;
using Microsoft.Extensions.AI;
using Chorus.Aggregation;
using Chorus.Recipes;

namespace Chorus.Cli.Commands;

/// <summary><c>chorus map FILES...</c>: summarizes every file in parallel (map), then joins the summaries in file order (reduce).</summary>
/// <remarks>The reduce step is <see cref="RecipeAggregators.MapJoin"/>; a hierarchical map-reduce replaces it there.</remarks>
internal sealed class MapCommand(CliEnvironment env)
{
    public const string DefaultPrompt = "Summarize in one sentence:";

    public static Command Define(CliEnvironment env)
    {
        var paths = new Argument<string[]>("files") { Description = "Files or globs ('docs/*.md', 'src/**/*.cs'; quote them).", Arity = ArgumentArity.OneOrMore };
        var prompt = new Option<string>("--prompt") { Description = "The instruction put before each file's text.", DefaultValueFactory = _ => DefaultPrompt };
        var maxChars = new Option<int>("--max-chars") { Description = "Characters of each file sent; the rest is cut (and the cut is said).", DefaultValueFactory = _ => 12_000 };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Most output tokens per summary.", DefaultValueFactory = _ => 150 };
        var command = new Command("map", "Summarize many files in parallel, then combine the summaries in order, each with its source.")
        {
            paths, prompt, maxChars, maxTokens,
        };
        RunFlags.AddTo(command);
        command.SetAction((parse, ct) => new MapCommand(env).InvokeAsync(
            RunFlags.Bind(parse, env), parse.GetValue(paths) ?? [], parse.GetValue(prompt)!, parse.GetValue(maxChars), parse.GetValue(maxTokens), ct));
        return command;
    }

    public Task<int> InvokeAsync(RunSettings settings, string[] patterns, string prompt, int maxChars, int maxTokens, CancellationToken cancellationToken)
    {
        CliUsageException.Require(!string.IsNullOrWhiteSpace(prompt), "--prompt must not be empty.");
        CliUsageException.Require(maxChars >= 100, $"--max-chars must be at least 100; got {maxChars}.");
        CliUsageException.Require(maxTokens >= 1, $"--max-tokens must be at least 1; got {maxTokens}.");
        IReadOnlyList<string> files = FileGlob.Expand(patterns, env.WorkingDirectory);
        CliUsageException.Require(files.Count <= 1000, $"map: {files.Count} files matched; the most is 1000.", "narrow the globs");
        List<(string Label, string Text)> documents = [.. files.Select(f => (Label(f), Read(f, maxChars)))];

        return new RecipeRunner(env).RunAsync("map", settings, context =>
        {
            var options = new ChatOptions { Temperature = 0, MaxOutputTokens = maxTokens };
            Plan<SectionedText> plan = Plans.Map(
                context.Client, prompt, documents.Select(d => new SourceDocument(d.Label, d.Text)), options, RecipeAggregators.MapJoin(),
                FailurePolicy.BestEffort, settings.Limits(defaultConcurrency: int.MaxValue));
            string title = string.Create(CultureInfo.InvariantCulture, $"map: {documents.Count} file{(documents.Count == 1 ? string.Empty : "s")}");
            return Recipe.Of(title, plan, s => $"{s.Sections.Count} of {documents.Count} summaries{(s.Missing.Count > 0 ? $", {s.Missing.Count} missing" : string.Empty)}:\n{s.Text}");
        }, cancellationToken);
    }

    /// <summary>The file's path relative to the working directory: unique, and says where each summary came from.</summary>
    private string Label(string file)
    {
        string relative = Path.GetRelativePath(env.WorkingDirectory, file).Replace('\\', '/');
        return relative.StartsWith("../", StringComparison.Ordinal) ? file : relative;
    }

    private static string Read(string file, int maxChars)
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"map: cannot read '{file}': {ex.Message}");
        }

        return text.Length <= maxChars ? text : string.Concat(text.AsSpan(0, maxChars), $"\n[... cut: {text.Length - maxChars} more characters]");
    }
}
