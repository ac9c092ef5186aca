namespace Chorus.Aggregation;

/// <summary>Judges compare candidates two at a time, in both orders; the configuration, shared by every run.</summary>
internal sealed class PairwiseAggregator : IAggregator<PairwiseResult>
{
    public PairwiseAggregator(IReadOnlyList<Juror> judges, PairwiseOptions options)
    {
        Judges = judges;
        Task = options.Task;
        PromptTemplate = options.PromptTemplate ?? JudgePrompts.Pairwise;
        BothOrders = options.BothOrders;
    }

    public string Name => PairwiseConstants.Name;

    public IReadOnlyList<Juror> Judges { get; }

    public string? Task { get; }

    public string PromptTemplate { get; }

    public bool BothOrders { get; }

    public IAggregation<PairwiseResult> Begin(int branchCount) => new PairwiseAggregation(this, branchCount);
}
