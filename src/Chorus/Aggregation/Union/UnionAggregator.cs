namespace Chorus.Aggregation;

/// <summary>Joins the items of every branch without duplicates; the configuration, shared by every run.</summary>
internal sealed class UnionAggregator : IAggregator<UnionResult>
{
    public UnionAggregator(UnionOptions options)
    {
        ItemExtractor = options.ItemExtractor;
        KeyNormalizer = options.KeyNormalizer;
    }

    public string Name => UnionHelper.Name;

    public Func<string, IEnumerable<string>> ItemExtractor { get; }

    public Func<string, string> KeyNormalizer { get; }

    public IAggregation<UnionResult> Begin(int branchCount) => new UnionAggregation(this, branchCount);
}
