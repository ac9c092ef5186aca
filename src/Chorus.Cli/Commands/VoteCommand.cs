using System.CommandLine;
using System.Globalization;
using Chorus.Cli.Recipes;
using Chorus.Cli.Runs;
using Microsoft.Extensions.AI;
using Chorus.Recipes;
using Chorus.Voting;

namespace Chorus.Cli.Commands;

/// <summary><c>chorus vote "question" --samples N</c>: asks the same question N times at once and takes the majority answer (self-consistency).</summary>
internal sealed class VoteCommand(CliEnvironment env)
{
    public static Command Define(CliEnvironment env)
    {
        var question = new Argument<string>("question") { Description = "The question to ask every sample." };
        var samples = new Option<int>("--samples", "-n") { Description = "How many samples to draw.", DefaultValueFactory = _ => 7 };
        var temperature = new Option<float>("--temperature") { Description = "Sampling temperature; above 0 so the samples differ.", DefaultValueFactory = _ => 0.8f };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Most output tokens per sample.", DefaultValueFactory = _ => 200 };
        var quorum = new Option<int?>("--quorum") { Description = "Samples that must succeed (default: a majority of --samples)." };
        Option<VoteStop> stop = EnumOption.Create("--stop", "When to stop sampling: majority (once the leader cannot be overtaken), adaptive (P(leader wins) >= 0.95), window (5 agree in a row), all (never early).", VoteStop.Majority);
        var command = new Command("vote", "Ask one question N times in parallel and return the majority answer, with the vote and its cost.")
        {
            question, samples, temperature, maxTokens, quorum, stop,
        };
        RunFlags.AddTo(command);
        command.SetAction((parse, ct) => new VoteCommand(env).InvokeAsync(
            RunFlags.Bind(parse, env), parse.GetValue(question)!, parse.GetValue(samples), parse.GetValue(temperature), parse.GetValue(maxTokens), parse.GetValue(quorum), parse.GetValue(stop), ct));
        return command;
    }

    public Task<int> InvokeAsync(RunSettings settings, string question, int samples, float temperature, int maxTokens, int? quorum, VoteStop stop, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(question))
        {
            throw new CliUsageException("vote needs a question; got an empty one.", "for example: chorus vote \"What is 17 * 23?\" --samples 7");
        }

        CliUsageException.Require(samples is >= 1 and <= 1000, $"--samples must be from 1 to 1000; got {samples}.");
        CliUsageException.Require(temperature is >= 0 and <= 2, $"--temperature must be from 0 to 2; got {temperature.ToString(CultureInfo.InvariantCulture)}.");
        CliUsageException.Require(maxTokens >= 1, $"--max-tokens must be at least 1; got {maxTokens}.");
        int required = quorum ?? ((samples / 2) + 1);
        CliUsageException.Require(required >= 1 && required <= samples, $"--quorum must be from 1 to --samples ({samples}); got {required}.");

        return new RecipeRunner(env).RunAsync("vote", settings, context =>
        {
            var options = new ChatOptions { Temperature = temperature, MaxOutputTokens = maxTokens };
            Plan<VoteResult> plan = Plans.Vote(
                "vote", RecipeBranches.Samples(context.Client, question, samples, options), RecipeAggregators.Vote(stop, samples),
                FailurePolicy.Quorum(required), settings.Limits(defaultConcurrency: samples));
            return Recipe.Of($"vote: {question}", plan, Describe);
        }, cancellationToken);
    }

    internal static string Describe(VoteResult vote) => string.Create(
        CultureInfo.InvariantCulture, $"{vote.Answer} ({vote.Votes} of {vote.ValidVotes} votes, {vote.Share * 100:0}%; margin {vote.Margin * 100:0} points)");
}
