namespace Chorus.Aggregation;

/// <summary>Joins the branches' texts in branch order; the configuration, shared by every run.</summary>
internal sealed class ConcatAggregator : IAggregator<SectionedText>
{
    public ConcatAggregator(ConcatOptions options)
    {
        Separator = options.Separator;
        SectionFormat = options.SectionFormat;
        MissingSectionFormat = options.MissingSectionFormat;
    }

    public string Name => ConcatConstants.Name;

    public string Separator { get; }

    public string SectionFormat { get; }

    public string? MissingSectionFormat { get; }

    public IAggregation<SectionedText> Begin(int branchCount) => new ConcatAggregation(this, branchCount);
}
