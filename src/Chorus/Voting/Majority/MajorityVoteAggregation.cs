using Chorus.Aggregation;

namespace Chorus.Voting;

/// <summary>One run of the majority vote.</summary>
internal sealed class MajorityVoteAggregation(MajorityVoteAggregator config, int branchCount) : AggregationBase<VoteResult>(branchCount)
{
    private readonly VoteTally _tally = new(config.TieRule);
    private readonly List<BranchOutcome> _abstentions = [];
    private readonly List<BranchOutcome> _noAnswer = [];

    protected override bool OnAdded(BranchOutcome outcome)
    {
        if (!outcome.Succeeded)
        {
            _abstentions.Add(outcome);
        }
        else if (outcome.Response is null)
        {
            _noAnswer.Add(outcome);
        }
        else
        {
            string? answer = config.AnswerExtractor(outcome.Response.Text)?.Trim();
            string key = string.IsNullOrEmpty(answer) ? string.Empty : config.Normalizer(answer) ?? string.Empty;
            if (key.Length == 0)
            {
                _noAnswer.Add(outcome);
            }
            else
            {
                _tally.Vote(outcome.Index, outcome.Label, key, answer!, outcome.Response, AddedCount);
            }
        }

        return config.SettleWhenDecided && _tally.IsSettled(Remaining, LowestRemainingIndex());
    }

    protected override Task<AggregationResult<VoteResult>> CompleteCoreAsync(AggregationContext context, CancellationToken cancellationToken)
    {
        VoteEntry? winner = _tally.Leader(out bool tied, out int runnerUp);
        int abstentions = _abstentions.Count + _noAnswer.Count;
        if (winner is null)
        {
            throw new AggregationException($"No branch produced an answer: {DescribeAbstentions()}.");
        }

        List<VoteEntry> ranked = [.. _tally.Entries.OrderByDescending(e => e.Count).ThenBy(e => e.MinIndex)];
        if (tied && config.TieRule == MajorityTieRule.NoDecision)
        {
            IEnumerable<string> tiedAnswers = ranked.Where(e => e.Count == winner.Count).Select(e => $"\"{e.Key}\"");
            throw new AggregationException(
                $"The vote is tied: {string.Join(", ", tiedAnswers)} have {winner.Count} votes each and the tie rule is {nameof(MajorityTieRule.NoDecision)}.");
        }

        int valid = _tally.ValidVotes;
        double share = (double)winner.Count / valid;
        double margin = (double)(winner.Count - runnerUp) / valid;
        var value = new VoteResult(winner.Answer, winner.Key, winner.Response, winner.Count, valid, abstentions, share, margin);

        var evidence = new List<DecisionEvidence>(ranked.Count + 6);
        foreach (VoteEntry entry in ranked)
        {
            evidence.Add(new DecisionEvidence(entry.Key, entry.Count, "branches: " + AggregationText.Labels(entry.VoterLabels)));
        }

        foreach (IGrouping<BranchStatus, BranchOutcome> group in _abstentions.OrderBy(o => o.Index).GroupBy(o => o.Status))
        {
            evidence.Add(new DecisionEvidence(
                MajorityVoteConstants.AbstainedPrefix + AggregationText.StatusWord(group.Key),
                group.Count(),
                "branches: " + AggregationText.Labels(group.Select(o => o.Label))));
        }

        if (_noAnswer.Count > 0)
        {
            evidence.Add(new DecisionEvidence(
                MajorityVoteConstants.NoAnswerKey,
                _noAnswer.Count,
                "branches: " + AggregationText.Labels(_noAnswer.OrderBy(o => o.Index).Select(o => o.Label))));
        }

        List<string> notCounted = NotAddedLabels(context);
        if (notCounted.Count > 0)
        {
            evidence.Add(new DecisionEvidence(
                MajorityVoteConstants.NotCountedKey,
                notCounted.Count,
                "branches: " + AggregationText.Labels(notCounted) + " (the vote was settled without them)"));
        }

        string summary = $"\"{winner.Key}\" won {winner.Count} of {valid} votes";
        if (tied)
        {
            summary += $" (tie broken by {config.TieRule})";
        }

        if (abstentions > 0)
        {
            summary += $"; {abstentions} abstained";
        }

        if (notCounted.Count > 0)
        {
            summary += $"; settled with {notCounted.Count} not counted";
        }

        var decision = new AggregationDecision(MajorityVoteConstants.Name, summary, winner.Answer, share, evidence);
        return Task.FromResult(new AggregationResult<VoteResult>(value, decision));
    }

    private string DescribeAbstentions()
    {
        if (AddedCount == 0)
        {
            return BranchCount == 0 ? "the run had no branches" : "no outcome was reported";
        }

        List<string> parts = AggregationText.CountByStatus(_abstentions);
        if (_noAnswer.Count > 0)
        {
            parts.Add($"{_noAnswer.Count} had no extractable answer");
        }

        return string.Join(", ", parts);
    }

    private int LowestRemainingIndex()
    {
        for (int i = 0; i < BranchCount; i++)
        {
            if (GetAdded(i) is null)
            {
                return i;
            }
        }

        return BranchCount;
    }
}
