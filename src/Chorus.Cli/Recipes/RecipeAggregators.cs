using Chorus.Aggregation;
using Chorus.Voting;
using Chorus.Recipes;

namespace Chorus.Cli.Recipes;

/// <summary>The CLI's choices of join where a verb offers one (the vote's stopping rule, the map's section format); the plans themselves come from <see cref="Plans"/>.</summary>
internal static class RecipeAggregators
{
    /// <summary><c>chorus vote</c>: the majority answer over the samples. By default it settles (and cancels the rest) once the
    /// leader cannot be overtaken; <c>--stop</c> picks an adaptive rule that stops sooner, or none.</summary>
    public static IAggregator<VoteResult> Vote(VoteStop stop, int samples) => stop switch
    {
        VoteStop.Majority => Aggregators.Majority(),
        VoteStop.Adaptive => Aggregators.Vote(new VoteAggregatorOptions { StoppingRule = StoppingRules.Adaptive(0.95) }),
        VoteStop.Window => Aggregators.Vote(new VoteAggregatorOptions { StoppingRule = StoppingRules.Window(Math.Min(5, samples)) }),
        _ => Aggregators.Vote(new VoteAggregatorOptions { StoppingRule = StoppingRules.Fixed(samples) }),
    };

    /// <summary><c>chorus map</c>: the per-file summaries joined in file order, each headed by its file.</summary>
    public static ConcatOptions MapJoin() => new()
    {
        SectionFormat = "## {label}\n{text}",
        Separator = "\n\n",
        MissingSectionFormat = "## {label}\n[missing: {reason}]",
    };

}
