using System.Globalization;

namespace Chorus.Aggregation;

/// <summary>One run of the concat aggregator.</summary>
internal sealed class ConcatAggregation(ConcatAggregator config, int branchCount) : AggregationBase<SectionedText>(branchCount)
{
    protected override Task<AggregationResult<SectionedText>> CompleteCoreAsync(AggregationContext context, CancellationToken cancellationToken)
    {
        var sections = new List<Section>();
        var missing = new List<MissingSection>();
        var parts = new List<string>();
        var evidence = new List<DecisionEvidence>();
        for (int i = 0; i < BranchCount; i++)
        {
            BranchOutcome? outcome = GetAdded(i);
            if (outcome is { Succeeded: true })
            {
                var section = new Section(i, outcome.Label, outcome.Text ?? string.Empty);
                sections.Add(section);
                parts.Add(Render(config.SectionFormat, section.Index, section.Label, section.Text, string.Empty));
                evidence.Add(new DecisionEvidence(section.Label, 1, $"section {i}"));
                continue;
            }

            string label = outcome?.Label ?? AggregationText.LabelOf(context, i);
            string reason = outcome is null ? "no outcome was reported" : AggregationText.DescribeFailure(outcome);
            missing.Add(new MissingSection(i, label, reason));
            evidence.Add(new DecisionEvidence(label, 0, $"missing: {reason}"));
            if (config.MissingSectionFormat is { } format)
            {
                parts.Add(Render(format, i, label, string.Empty, reason));
            }
        }

        if (sections.Count == 0)
        {
            throw new AggregationException($"No branch produced a section: {DescribeNoSuccess()}.");
        }

        var value = new SectionedText(string.Join(config.Separator, parts), sections, missing);
        string summary = missing.Count == 0
            ? $"joined {sections.Count} sections"
            : $"joined {sections.Count} of {BranchCount} sections; missing: {string.Join(", ", missing.Select(m => m.Label))}";
        var decision = new AggregationDecision(
            ConcatConstants.Name,
            summary,
            Winner: null,
            Confidence: (double)sections.Count / BranchCount,
            Evidence: evidence);
        return Task.FromResult(new AggregationResult<SectionedText>(value, decision));
    }

    private static string Render(string format, int index, string label, string text, string reason) =>
        AggregationText.Render(format, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["index"] = index.ToString(CultureInfo.InvariantCulture),
            ["label"] = label,
            ["text"] = text,
            ["reason"] = reason,
        });
}
