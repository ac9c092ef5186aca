namespace Chorus.Aggregation;

/// <summary>A caller-supplied verifier scores each successful candidate; the configuration, shared by every run.</summary>
internal sealed class BestOfAggregator(Func<BranchOutcome, CancellationToken, ValueTask<double?>> verifier) : IAggregator<BestOfResult>
{
    public const string StrategyName = "best-of";

    public string Name => StrategyName;

    public Func<BranchOutcome, CancellationToken, ValueTask<double?>> Verifier { get; } = verifier;

    public IAggregation<BestOfResult> Begin(int branchCount) => new BestOfAggregation(this, branchCount);
}
