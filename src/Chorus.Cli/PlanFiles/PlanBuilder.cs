using System.Globalization;
using Chorus.Cli.Commands;
using Chorus.Cli.Runs;
using Microsoft.Extensions.AI;
using Chorus.Aggregation;
using Chorus.Voting;
using Chorus.Recipes;

namespace Chorus.Cli.PlanFiles;

/// <summary>Turns a checked <see cref="PlanSpec"/> into a runnable <see cref="Recipe"/> on a client.</summary>
internal static class PlanBuilder
{
    public static Recipe Build(PlanSpec spec, RecipeContext context)
    {
        IChatClient client = context.Client;
        Branch[] branches = [.. spec.Branches.Select(b => Branch(b, client))];
        RunLimits limits = Limits(spec, context.Settings);
        string title = $"run: {spec.Name}";
        AggregatorSpec a = spec.Aggregator;
        Recipe recipe = a.Type switch
        {
            "majority" => Recipe.Of(title, Plans.Vote(spec.Name, branches, Aggregators.Majority(Majority(a)), spec.FailurePolicy, limits), VoteCommand.Describe),
            "concat" => Recipe.Of(title, Plans.Sections(spec.Name, branches, Concat(a), spec.FailurePolicy, limits), s => s.Text),
            "union" => Recipe.Of(title, Plans.Union(spec.Name, branches, null, spec.FailurePolicy, limits),
                u => string.Create(CultureInfo.InvariantCulture, $"{u.Items.Count} distinct items:\n{string.Join("\n", u.Items.Select(i => $"- {i.Text} ({string.Join(", ", i.Sources)})"))}")),
            "jury" => Recipe.Of(title, Plans.Jury(spec.Name, branches, Jurors(a, client), new JuryOptions
            {
                Task = a.Task ?? spec.Branches[0].Prompt, Combine = a.Combine ?? JuryCombine.Mean, Seed = a.Seed,
            }, spec.FailurePolicy, limits), JuryCommand.Describe),
            "judge" => Recipe.Of(title, Plans.Judge(spec.Name, branches, client, new JudgeOptions
            {
                Task = a.Task ?? spec.Branches[0].Prompt, Mode = a.JudgeMode ?? JudgeMode.Pick, Seed = a.Seed,
                ChatOptions = a.JudgeModel is null ? null : new ChatOptions { ModelId = a.JudgeModel },
            }, spec.FailurePolicy, limits), j => j.ChosenLabel is null ? j.Text : $"{j.ChosenLabel}: {j.Text}"),
            _ => Recipe.Of(title, Plans.Custom(spec.Name, branches, Aggregators.Guarded(new GuardOptions
            {
                GuardLabel = a.GuardLabel ?? "guard", FailOpen = a.FailOpen ?? false,
            }), spec.FailurePolicy, limits), g => g.Allowed ? $"ALLOWED: {g.Answer?.Trim()}" : $"REFUSED: {g.Reason}"),
        };
        return recipe with { Models = spec.Models, Prices = spec.Prices };
    }

    /// <summary>Flags win over the plan's limits, which win over <c>chorus.yaml</c> and the environment.</summary>
    private static RunLimits Limits(PlanSpec spec, RunSettings settings)
    {
        bool flagConcurrency = settings.Config.SourceOf("max_concurrency") == "--concurrency";
        return new RunLimits
        {
            MaxConcurrency = (flagConcurrency ? settings.Config.MaxConcurrency : null) ?? spec.MaxConcurrency ?? settings.Config.MaxConcurrency ?? int.MaxValue,
            BranchTimeout = settings.BranchTimeout ?? spec.BranchTimeout,
            Deadline = settings.Deadline ?? spec.Deadline,
            MaxTokens = settings.MaxTokens,
            MaxCost = settings.MaxCost,
        };
    }

    private static Branch Branch(BranchSpec spec, IChatClient client)
    {
        List<ChatMessage> messages = spec.System is null ? [] : [new ChatMessage(ChatRole.System, spec.System)];
        messages.Add(new ChatMessage(ChatRole.User, spec.Prompt));
        var options = new ChatOptions { ModelId = spec.Model, Temperature = spec.Temperature, MaxOutputTokens = spec.MaxTokens };
        var branch = new Branch(spec.Label, client, messages, options);
        if (spec.FallbackModel is { } fallback)
        {
            ChatOptions fallbackOptions = options.Clone();
            fallbackOptions.ModelId = fallback;
            branch = branch.WithFallback(client, fallbackOptions);
        }

        return branch;
    }

    private static MajorityVoteOptions Majority(AggregatorSpec a)
    {
        var options = new MajorityVoteOptions { SettleWhenDecided = a.SettleEarly ?? true };
        if (a.TieRule is { } rule)
        {
            options.TieRule = rule;
        }

        return options;
    }

    private static ConcatOptions Concat(AggregatorSpec a)
    {
        var options = new ConcatOptions { SectionFormat = a.SectionFormat ?? "## {label}\n{text}" };
        if (a.Separator is { } separator)
        {
            options.Separator = separator;
        }

        return options;
    }

    private static IEnumerable<Juror> Jurors(AggregatorSpec a, IChatClient client) =>
        a.Jurors.Select(j => new Juror(j.Label, client, j.Aspect, j.Weight, new ChatOptions { Temperature = 0, ModelId = j.Model }));
}
