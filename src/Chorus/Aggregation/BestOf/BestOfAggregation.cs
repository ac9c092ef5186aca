using System.Globalization;

namespace Chorus.Aggregation;

/// <summary>One run of best-of: verifies the successful candidates one at a time, in branch order.</summary>
internal sealed class BestOfAggregation(BestOfAggregator config, int branchCount) : AggregationBase<BestOfResult>(branchCount)
{
    protected override async Task<AggregationResult<BestOfResult>> CompleteCoreAsync(AggregationContext context, CancellationToken cancellationToken)
    {
        List<BranchOutcome> succeeded = SucceededInBranchOrder();
        if (succeeded.Count == 0)
        {
            throw new AggregationException($"No candidate to verify: {DescribeNoSuccess()}.");
        }

        var evidence = new List<DecisionEvidence>(succeeded.Count + AddedCount);
        var accepted = new List<(BranchOutcome Outcome, double Score, long Cost)>();
        var rejected = new List<string>();
        foreach (BranchOutcome outcome in succeeded)
        {
            cancellationToken.ThrowIfCancellationRequested();
            (double? score, string? why) = await VerifyAsync(outcome, cancellationToken).ConfigureAwait(false);
            long cost = TotalTokens(outcome);
            if (score is { } s)
            {
                accepted.Add((outcome, s, cost));
                evidence.Add(new DecisionEvidence(outcome.Label, s, "tokens: " + (cost == long.MaxValue ? "unknown" : cost.ToString(CultureInfo.InvariantCulture))));
            }
            else
            {
                rejected.Add($"{outcome.Label}: {why}");
                evidence.Add(new DecisionEvidence(outcome.Label, 0, "rejected: " + why));
            }
        }

        AddAbstentionEvidence(evidence);
        if (accepted.Count == 0)
        {
            throw new AggregationException($"The verifier rejected every candidate: {string.Join("; ", rejected)}.");
        }

        // Highest score; equal scores go to the cheaper candidate (fewer total tokens), then to the lower branch index.
        List<(BranchOutcome Outcome, double Score, long Cost)> ranked = [.. accepted.OrderByDescending(a => a.Score).ThenBy(a => a.Cost).ThenBy(a => a.Outcome.Index)];
        (BranchOutcome best, double bestScore, long bestCost) = ranked[0];
        string summary = $"{best.Label} scored {AggregationText.Number(bestScore)}, best of {accepted.Count} verified candidates";
        if (rejected.Count > 0)
        {
            summary += $" ({rejected.Count} rejected)";
        }

        if (ranked.Count > 1 && ranked[1].Score == bestScore)
        {
            summary += ranked[1].Cost != bestCost ? "; tie broken by cost" : "; tie broken by branch order";
        }

        return new AggregationResult<BestOfResult>(
            new BestOfResult(best.Label, best.Text ?? string.Empty, bestScore, best.Response!),
            new AggregationDecision(BestOfAggregator.StrategyName, summary, best.Label, Evidence: evidence));
    }

    private static long TotalTokens(BranchOutcome outcome) =>
        outcome.Usage is not { } usage ? long.MaxValue
        : usage.TotalTokenCount ?? (usage.InputTokenCount is null && usage.OutputTokenCount is null
            ? long.MaxValue
            : (usage.InputTokenCount ?? 0) + (usage.OutputTokenCount ?? 0));

    private async Task<(double? Score, string? Why)> VerifyAsync(BranchOutcome outcome, CancellationToken cancellationToken)
    {
        try
        {
            double? score = await config.Verifier(outcome, cancellationToken).ConfigureAwait(false);
            return score switch
            {
                null => (null, "the verifier gave no score"),
                double.NaN => (null, "the verifier's score was NaN"),
                _ => (score, null),
            };
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // A verifier that crashes on one candidate (for example generated code that hangs its test) rejects that candidate only.
            return (null, $"the verifier threw {ex.GetType().Name}: {ex.Message}");
        }
    }
}
