using System.CommandLine;
using System.Globalization;
using Chorus.Cli.Recipes;
using Chorus.Cli.Runs;
using Microsoft.Extensions.AI;
using Chorus.Aggregation;
using Chorus.Recipes;

namespace Chorus.Cli.Commands;

/// <summary><c>chorus jury "task"</c>: jurors, one per aspect, score a given response (<c>--response</c>, <c>--response-file</c>) or
/// candidates the model writes (<c>--candidates N</c>); the scores are combined and the best candidate wins.</summary>
internal sealed class JuryCommand(CliEnvironment env)
{
    private static readonly string[] DefaultAspects = ["accuracy", "logical consistency", "tone and style"];

    public static Command Define(CliEnvironment env)
    {
        var task = new Argument<string>("task") { Description = "The task or question the response answers; shown to every juror." };
        var responses = new Option<string[]>("--response") { Description = "A response to score (repeat for several). Default: the model writes the candidates.", AllowMultipleArgumentsPerToken = false };
        var responseFiles = new Option<string[]>("--response-file") { Description = "A file holding a response to score (repeat for several).", HelpName = "FILE" };
        var candidates = new Option<int>("--candidates") { Description = "How many candidates the model writes when no response is given.", DefaultValueFactory = _ => 3 };
        var aspects = new Option<string[]>("--aspect") { Description = $"An aspect one juror scores (repeat). Default: {string.Join(", ", DefaultAspects)}." };
        var combine = EnumOption.Create("--combine", "How scores are combined per candidate.", JuryCombine.Mean);
        var seed = new Option<int>("--seed") { Description = "Seed of the order candidates are shown in (against position bias).", DefaultValueFactory = _ => 7 };
        var command = new Command("jury", "Jurors score a response or candidates on several aspects; the scores are combined and the best candidate wins.")
        {
            task, responses, responseFiles, candidates, aspects, combine, seed,
        };
        RunFlags.AddTo(command);
        command.SetAction((parse, ct) => new JuryCommand(env).InvokeAsync(
            RunFlags.Bind(parse, env),
            new JuryRequest(parse.GetValue(task)!, parse.GetValue(responses) ?? [], parse.GetValue(responseFiles) ?? [], parse.GetValue(candidates),
                parse.GetValue(aspects) ?? [], parse.GetValue(combine), parse.GetValue(seed)),
            ct));
        return command;
    }

    public Task<int> InvokeAsync(RunSettings settings, JuryRequest request, CancellationToken cancellationToken)
    {
        CliUsageException.Require(!string.IsNullOrWhiteSpace(request.Task), "jury needs a task; got an empty one.", "for example: chorus jury \"What is 12 * 12?\" --response \"144\"");
        List<(string Label, string Text)> given = [.. request.Responses.Select((text, i) => ($"response-{i + 1}", text))];
        foreach (string file in request.ResponseFiles)
        {
            string path = env.Resolve(file);
            CliUsageException.Require(File.Exists(path), $"--response-file: '{file}' does not exist.");
            given.Add((Path.GetFileName(path), File.ReadAllText(path)));
        }

        CliUsageException.Require(given.All(g => !string.IsNullOrWhiteSpace(g.Text)), "--response: a response to score is empty.");
        CliUsageException.Require(given.Select(g => g.Label).Distinct(StringComparer.Ordinal).Count() == given.Count, "--response-file: two files have the same name.");
        CliUsageException.Require(given.Count > 0 || request.Candidates is >= 1 and <= 20, $"--candidates must be from 1 to 20; got {request.Candidates}.");
        string[] aspects = request.Aspects.Length > 0 ? request.Aspects : DefaultAspects;
        CliUsageException.Require(aspects.All(a => !string.IsNullOrWhiteSpace(a)), "--aspect: an aspect is empty.");
        CliUsageException.Require(aspects.Distinct(StringComparer.OrdinalIgnoreCase).Count() == aspects.Length, "--aspect: the same aspect is given twice.");

        return new RecipeRunner(env).RunAsync("jury", settings, context =>
        {
            Branch[] branches = given.Count > 0
                ? RecipeBranches.Given(given, request.Task)
                : RecipeBranches.Samples(context.Client, request.Task, request.Candidates, new ChatOptions { Temperature = 0.9f, MaxOutputTokens = 300 }, labelPrefix: "candidate-");
            Juror[] jurors = [.. aspects.Select(a => new Juror($"juror-{Slug(a)}", context.Client, a, options: new ChatOptions { Temperature = 0 }))];
            var options = new JuryOptions { Task = request.Task, Combine = request.Combine, Seed = request.Seed };
            Plan<JuryResult> plan = Plans.Jury("jury", branches, jurors, options, FailurePolicy.BestEffort, settings.Limits(defaultConcurrency: int.MaxValue));
            return Recipe.Of($"jury: {request.Task}", plan, Describe);
        }, cancellationToken);
    }

    internal static string Describe(JuryResult jury)
    {
        string scores = string.Join(", ", jury.Verdicts.Select(v => v.Abstained
            ? $"{v.Aspect}: abstained"
            : string.Create(CultureInfo.InvariantCulture, $"{v.Aspect} {v.Scores.FirstOrDefault(s => s.CandidateLabel == jury.WinnerLabel)?.Score ?? double.NaN:0.#}")));
        return string.Create(CultureInfo.InvariantCulture, $"{jury.WinnerLabel} scored {jury.Score:0.0} ({scores}): {jury.WinnerText.Trim()}");
    }

    private static string Slug(string aspect) =>
        string.Join('-', aspect.ToLowerInvariant().Split([' ', '/', '\t'], StringSplitOptions.RemoveEmptyEntries));
}

/// <summary>What <c>chorus jury</c> was asked.</summary>
internal sealed record JuryRequest(string Task, string[] Responses, string[] ResponseFiles, int Candidates, string[] Aspects, JuryCombine Combine, int Seed);
