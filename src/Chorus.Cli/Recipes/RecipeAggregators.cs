using Chorus.Aggregation;
using Chorus.Voting;

namespace Chorus.Cli.Recipes;

/// <summary>The aggregator each recipe uses, in one place, so a better one (adaptive voting, hierarchical map-reduce) is a one-line swap.</summary>
internal static class RecipeAggregators
{
    /// <summary><c>chorus vote</c>: the majority answer over the samples. By default it settles (and cancels the rest) once the
    /// leader cannot be overtaken; <c>--stop</c> picks an adaptive rule that stops sooner, or none.</summary>
    public static IAggregator<VoteResult> Vote(VoteStop stop, int samples) => stop switch
    {
        VoteStop.Majority => Aggregators.Majority(),
        VoteStop.Adaptive => Aggregators.Vote(new VoteOptions { MaxSamples = samples, StoppingRule = StoppingRules.Adaptive(0.95) }),
        VoteStop.Window => Aggregators.Vote(new VoteOptions { MaxSamples = samples, StoppingRule = StoppingRules.Window(Math.Min(5, samples)) }),
        _ => Aggregators.Vote(new VoteOptions { MaxSamples = samples, StoppingRule = StoppingRules.Fixed(samples) }),
    };

    /// <summary><c>chorus map</c>: the per-file summaries joined in file order, each headed by its file.</summary>
    public static IAggregator<SectionedText> Map() => Aggregators.Concat(new ConcatOptions
    {
        SectionFormat = "## {label}\n{text}",
        Separator = "\n\n",
        MissingSectionFormat = "## {label}\n[missing: {reason}]",
    });

    /// <summary><c>chorus jury</c>: jurors score the candidates; scores combined as asked.</summary>
    public static IAggregator<JuryResult> Jury(IEnumerable<Juror> jurors, JuryOptions options) => Aggregators.Jury(jurors, options);

    /// <summary><c>chorus guard</c>: the guard branch can veto the answer.</summary>
    public static IAggregator<GuardResult> Guard() => Aggregators.Guarded();
}
