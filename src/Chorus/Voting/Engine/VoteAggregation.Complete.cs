using Chorus.Aggregation;

namespace Chorus.Voting;

/// <content>Completing the vote: clustering, the winner, and the report's evidence.</content>
internal sealed partial class VoteAggregation
{
    protected override async Task<AggregationResult<VoteResult>> CompleteCoreAsync(AggregationContext context, CancellationToken cancellationToken)
    {
        List<WeightedEntry> ranked = _tally.Ranked();
        if (ranked.Count == 0)
        {
            throw new AggregationException($"No branch produced an answer: {DescribeAbstentions()}.");
        }

        var evidence = new List<DecisionEvidence>(ranked.Count + 12);
        List<VoteGroup> groups = [.. ranked.Select((e, i) => new VoteGroup([e], i))];
        List<AnswerCluster> clusters = [];
        if (config.Clusterer is { } clusterer && ranked.Count > 1)
        {
            ClusterResult clustering = await ClusterJudge.RunAsync(context, clusterer, config.ClustererOptions, ranked, cancellationToken).ConfigureAwait(false);
            if (clustering.Groups is { } merged)
            {
                groups = merged;
                clusters = [.. merged.Select(g => new AnswerCluster(g.Representative.Key, [.. g.Members.Select(m => m.Key)], g.Votes, g.Weight))];
            }
            else
            {
                evidence.Add(new DecisionEvidence(VoteConstants.ClusteringFailedKey, 0, clustering.Error));
            }
        }

        groups.Sort((x, y) => y.Weight != x.Weight ? y.Weight.CompareTo(x.Weight) : x.Rank.CompareTo(y.Rank));
        VoteGroup winner = groups[0];
        double runnerUp = groups.Count > 1 ? groups[1].Weight : 0;
        bool tied = groups.Count > 1 && runnerUp == winner.Weight;
        if (tied && config.TieRule == MajorityTieRule.NoDecision)
        {
            IEnumerable<string> tiedAnswers = groups.Where(g => g.Weight == winner.Weight).Select(g => $"\"{g.Representative.Key}\"");
            throw new AggregationException(
                $"The vote is tied: {string.Join(", ", tiedAnswers)} have {AggregationText.Number(winner.Weight)} votes each and the tie rule is {nameof(MajorityTieRule.NoDecision)}.");
        }

        SampleCounts counts = SampleCounts.From(context, this);
        double total = groups.Sum(g => g.Weight);
        double share = winner.Weight / total;
        double confidence = _tally.ValidVotes > 0 ? _lastCheck.Confidence : 0;
        int abstentions = _failed.Count + _noAnswer.Count + _zeroWeight.Count;
        string? stoppedBy = _stopped ? StopperName : null;
        WeightedEntry representative = winner.Representative;
        var value = new VoteResult(representative.Answer, representative.Key, representative.Response, winner.Votes, _tally.ValidVotes, abstentions, share, (winner.Weight - runnerUp) / total)
        {
            Confidence = confidence,
            Weight = winner.Weight,
            SamplesCancelled = counts.Cancelled,
            SamplesSkipped = counts.Skipped,
            CancelledTokens = counts.CancelledTokens,
            StoppedBy = stoppedBy,
            Ballots = [.. _ballots.OrderBy(b => b.Index)],
            Clusters = clusters,
        };

        AddEvidence(evidence, groups, clusters.Count > 0, counts, confidence);
        string summary = Summary(value, tied, counts);
        var decision = new AggregationDecision(config.Name, summary, representative.Answer, confidence, evidence);
        return new AggregationResult<VoteResult>(value, decision);
    }

    private void AddEvidence(List<DecisionEvidence> evidence, List<VoteGroup> groups, bool clustered, SampleCounts counts, double confidence)
    {
        foreach (VoteGroup group in groups)
        {
            string branches = "branches: " + AggregationText.Labels(group.VoterLabels.Order(StringComparer.Ordinal));
            string detail = clustered && group.Members.Count > 1 ? $"members: {string.Join(" | ", group.Members.Select(m => m.Key))}; {branches}" : branches;
            evidence.Add(new DecisionEvidence((clustered ? VoteConstants.ClusterPrefix : string.Empty) + group.Representative.Key, group.Weight, detail));
        }

        foreach (IGrouping<BranchStatus, BranchOutcome> group in _failed.OrderBy(o => o.Index).GroupBy(o => o.Status))
        {
            evidence.Add(new DecisionEvidence(VoteConstants.AbstainedPrefix + AggregationText.StatusWord(group.Key), group.Count(), "branches: " + AggregationText.Labels(group.Select(o => o.Label))));
        }

        AddList(evidence, VoteConstants.NoAnswerKey, _noAnswer);
        AddList(evidence, VoteConstants.ZeroWeightKey, _zeroWeight);
        evidence.Add(new DecisionEvidence(VoteConstants.SamplesUsedKey, AddedCount, $"of at most {BranchCount}"));
        evidence.Add(new DecisionEvidence(VoteConstants.SamplesCancelledKey, counts.Cancelled, "in flight when the vote stopped"));
        evidence.Add(new DecisionEvidence(VoteConstants.SamplesSkippedKey, counts.Skipped, "never started"));
        if (counts.Late > 0)
        {
            evidence.Add(new DecisionEvidence(VoteConstants.SamplesLateKey, counts.Late, "finished after the vote stopped; not counted"));
        }

        evidence.Add(new DecisionEvidence(VoteConstants.CancelledTokensKey, counts.CancelledTokens, counts.Estimated ? "estimated where the provider reported none" : null));
        evidence.Add(new DecisionEvidence(VoteConstants.ConfidenceKey, confidence, config.Rule.Name));
        if (_stopped)
        {
            evidence.Add(new DecisionEvidence(VoteConstants.StoppedByPrefix + StopperName, AddedCount, $"stopped after {AddedCount} of {BranchCount} samples"));
        }
    }

    private string Summary(VoteResult value, bool tied, SampleCounts counts)
    {
        string summary = $"\"{value.NormalizedAnswer}\" won {AggregationText.Number(value.Weight)} of {AggregationText.Number(value.Weight / value.Share)} votes"
            + $" (confidence {AggregationText.Number(value.Confidence)})";
        if (tied)
        {
            summary += $" (tie broken by {config.TieRule})";
        }

        if (value.Abstentions > 0)
        {
            summary += $"; {value.Abstentions} abstained";
        }

        if (_stopped)
        {
            summary += $"; {StopperName} stopped after {AddedCount} of {BranchCount} samples";
            if (counts.Cancelled > 0)
            {
                summary += $", {counts.Cancelled} cancelled in flight ({counts.CancelledTokens} tokens)";
            }
        }

        return summary;
    }

    private static void AddList(List<DecisionEvidence> evidence, string key, List<BranchOutcome> outcomes)
    {
        if (outcomes.Count > 0)
        {
            evidence.Add(new DecisionEvidence(key, outcomes.Count, "branches: " + AggregationText.Labels(outcomes.OrderBy(o => o.Index).Select(o => o.Label))));
        }
    }

    private string DescribeAbstentions()
    {
        if (AddedCount == 0)
        {
            return BranchCount == 0 ? "the run had no branches" : "no outcome was reported";
        }

        List<string> parts = AggregationText.CountByStatus(_failed);
        if (_noAnswer.Count > 0)
        {
            parts.Add($"{_noAnswer.Count} had no extractable answer");
        }

        if (_zeroWeight.Count > 0)
        {
            parts.Add($"{_zeroWeight.Count} had no positive weight");
        }

        return string.Join(", ", parts);
    }

    /// <summary>Whether a main-stage branch's outcome was counted.</summary>
    internal bool WasCounted(int index) => index < BranchCount && GetAdded(index) is not null;
}
