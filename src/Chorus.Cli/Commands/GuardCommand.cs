using System.CommandLine;
using Chorus.Cli.Recipes;
using Chorus.Cli.Runs;
using Microsoft.Extensions.AI;
using Chorus.Aggregation;
using Chorus.Recipes;

namespace Chorus.Cli.Commands;

/// <summary><c>chorus guard "request"</c>: a safety check runs beside the answer and can veto it, cancelling the answer mid-flight;
/// <c>--blocking</c> runs the check first instead, so a refused request costs no answer tokens.</summary>
internal sealed class GuardCommand(CliEnvironment env)
{
    public static Command Define(CliEnvironment env)
    {
        var request = new Argument<string>("request") { Description = "The user's request: answered only if the guard allows it." };
        var blocking = new Option<bool>("--blocking") { Description = "Run the guard first and the answer only after it allows (slower, nothing spent on refusals)." };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Most output tokens for the answer.", DefaultValueFactory = _ => 300 };
        var command = new Command("guard", "Answer a request with a safety check beside it (parallel by default); a veto cancels the answer.")
        {
            request, blocking, maxTokens,
        };
        RunFlags.AddTo(command);
        command.SetAction((parse, ct) => new GuardCommand(env).InvokeAsync(
            RunFlags.Bind(parse, env), parse.GetValue(request)!, parse.GetValue(blocking), parse.GetValue(maxTokens), ct));
        return command;
    }

    /// <summary>The guard's prompt; "Answer SAFE or UNSAFE" is what <see cref="GuardOptions.StartsWithUnsafe"/> reads back.</summary>
    public Task<int> InvokeAsync(RunSettings settings, string request, bool blocking, int maxTokens, CancellationToken cancellationToken)
    {
        CliUsageException.Require(!string.IsNullOrWhiteSpace(request), "guard needs a request; got an empty one.");
        CliUsageException.Require(maxTokens >= 1, $"--max-tokens must be at least 1; got {maxTokens}.");

        return new RecipeRunner(env).RunAsync("guard", settings, context =>
        {
            // Blocking runs the guard first, alone, so a veto skips the answer; parallel runs both and a veto cancels it.
            Plan<GuardResult> plan = Plans.Guard(
                context.Client, request, new ChatOptions { MaxOutputTokens = maxTokens }, blocking ? GuardMode.Blocking : GuardMode.Parallel, settings.Limits(defaultConcurrency: 2));
            return Recipe.Of($"guard{(blocking ? " (blocking)" : string.Empty)}: {request}", plan, g => g.Allowed ? $"ALLOWED: {g.Answer?.Trim()}" : $"REFUSED: {g.Reason}");
        }, cancellationToken);
    }
}
