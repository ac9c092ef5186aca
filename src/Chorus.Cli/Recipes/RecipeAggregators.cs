namespace Chorus.Cli.Recipes;

/// <summary>The aggregator each recipe uses, in one place, so a better one (adaptive voting, hierarchical map-reduce) is a one-line swap.</summary>
internal static class RecipeAggregators
{
    /// <summary><c>chorus vote</c>: the majority answer over the samples; settles (and cancels the rest) once the leader cannot be overtaken.</summary>
    public static IAggregator<VoteResult> Vote() => Aggregators.Majority();

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
