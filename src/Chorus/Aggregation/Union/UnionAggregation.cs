namespace Chorus.Aggregation;

/// <summary>One run of the union.</summary>
internal sealed class UnionAggregation(UnionAggregator config, int branchCount) : AggregationBase<UnionResult>(branchCount)
{
    protected override Task<AggregationResult<UnionResult>> CompleteCoreAsync(AggregationContext context, CancellationToken cancellationToken)
    {
        // Built here, in branch order, so the first occurrence never depends on which branch finished first.
        var items = new List<(string Text, List<string> Sources)>();
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var evidence = new List<DecisionEvidence>();
        int extracted = 0;
        int succeeded = 0;
        foreach (BranchOutcome outcome in AddedInBranchOrder())
        {
            if (!outcome.Succeeded)
            {
                evidence.Add(new DecisionEvidence(outcome.Label, 0, "abstained: " + AggregationText.DescribeFailure(outcome)));
                continue;
            }

            succeeded++;
            int fromBranch = 0;
            int added = 0;
            foreach (string item in config.ItemExtractor(outcome.Text ?? string.Empty))
            {
                string key = item is null ? string.Empty : config.KeyNormalizer(item);
                if (string.IsNullOrEmpty(key))
                {
                    continue;
                }

                fromBranch++;
                if (!byKey.TryGetValue(key, out int at))
                {
                    byKey.Add(key, items.Count);
                    items.Add((item!.Trim(), [outcome.Label]));
                    added++;
                }
                else if (items[at].Sources[^1] != outcome.Label)
                {
                    items[at].Sources.Add(outcome.Label);
                }
            }

            extracted += fromBranch;
            evidence.Add(new DecisionEvidence(outcome.Label, fromBranch, $"{added} new"));
        }

        if (succeeded == 0)
        {
            throw new AggregationException($"No branch produced items: {DescribeNoSuccess()}.");
        }

        List<string> notAdded = NotAddedLabels(context);
        foreach (string label in notAdded)
        {
            evidence.Add(new DecisionEvidence(label, 0, "abstained: no outcome was reported"));
        }

        var value = new UnionResult([.. items.Select(i => new UnionItem(i.Text, i.Sources.ToArray()))]);
        string summary = $"{items.Count} unique items from {succeeded} of {BranchCount} branches ({extracted} before de-duplication)";
        var decision = new AggregationDecision(UnionHelper.Name, summary, Evidence: evidence);
        return Task.FromResult(new AggregationResult<UnionResult>(value, decision));
    }
}
