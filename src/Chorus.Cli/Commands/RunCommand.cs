using System.CommandLine;
using Chorus.Cli.Configuration;
using Chorus.Cli.PlanFiles;
using Chorus.Cli.Runs;

namespace Chorus.Cli.Commands;

/// <summary><c>chorus run plan.yaml</c>: runs a plan file: branches with prompts and models, an aggregator, a failure policy,
/// limits and prices. The file is read and checked completely before any call is made.</summary>
internal sealed class RunCommand(CliEnvironment env)
{
    public static Command Define(CliEnvironment env)
    {
        var file = new Argument<string>("plan") { Description = "The plan file (YAML): name, branches, aggregator, failure_policy, limits, prices, defaults." };
        var check = new Option<bool>("--check") { Description = "Only read and check the plan; call nothing." };
        var command = new Command("run", "Run a plan file: branches with prompts and models, an aggregator, a failure policy, limits and prices.") { file, check };
        RunFlags.AddTo(command);
        command.SetAction((parse, ct) => new RunCommand(env).InvokeAsync(RunFlags.Bind(parse, env), parse.GetValue(file)!, parse.GetValue(check), ct));
        return command;
    }

    public async Task<int> InvokeAsync(RunSettings settings, string file, bool checkOnly, CancellationToken cancellationToken)
    {
        string path = env.Resolve(file);
        CliUsageException.Require(File.Exists(path), $"plan file '{file}' does not exist.", "give the path of a YAML plan, e.g. chorus run plan.yaml");
        PlanSpec spec = PlanFileReader.Read(path, Path.GetFileName(path));
        if (checkOnly)
        {
            await env.Output.WriteLineAsync(
                $"{Path.GetFileName(path)}: ok: plan '{spec.Name}', {spec.Branches.Count} branches, aggregator {spec.Aggregator.Type}, failure policy {spec.FailurePolicy}.").ConfigureAwait(false);
            return ExitCodes.Success;
        }

        // A plan's hedge: / attempt_timeout_s: win over chorus.yaml; the --hedge / --attempt-timeout flags win over the plan.
        ChorusConfig config = settings.Config;
        config = config with
        {
            Hedge = config.SourceOf("hedge") == "--hedge" ? config.Hedge : spec.Hedge ?? config.Hedge,
            AttemptTimeout = config.SourceOf("attempt_timeout_s") == "--attempt-timeout" ? config.AttemptTimeout : spec.AttemptTimeout ?? config.AttemptTimeout,
        };
        return await new RecipeRunner(env).RunAsync("plan", settings with { Config = config }, context => PlanBuilder.Build(spec, context), cancellationToken).ConfigureAwait(false);
    }
}
