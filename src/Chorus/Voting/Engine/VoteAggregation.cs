using Chorus.Aggregation;

namespace Chorus.Voting;

/// <summary>One run of a vote: counts each sample as it lands and asks the stopping rule whether to stop.</summary>
internal sealed partial class VoteAggregation(VoteAggregator config, int branchCount) : AggregationBase<VoteResult>(branchCount)
{
    private readonly WeightedTally _tally = new(config.TieRule);
    private readonly List<string?> _history = [];
    private readonly List<BranchOutcome> _failed = [];
    private readonly List<BranchOutcome> _noAnswer = [];
    private readonly List<BranchOutcome> _zeroWeight = [];
    private readonly List<Ballot> _ballots = [];
    private StoppingCheck _lastCheck;
    private bool _stopped;

    protected override bool OnAdded(BranchOutcome outcome)
    {
        string? key = Count(outcome);
        _history.Add(key);
        _lastCheck = config.Rule.Check(Snapshot());
        bool stop = _lastCheck.Stop || (config.SettleWhenDecided && _tally.IsDecided(Remaining, LowestRemainingIndex()));
        if (stop && Remaining > 0)
        {
            _stopped = true;
        }

        return stop;
    }

    /// <summary>The name of what stopped the vote: the stopping rule, or the exact decision of the majority vote.</summary>
    private string StopperName => config.SettleWhenDecided && !_lastCheck.Stop ? VoteConstants.DecidedRuleName : config.Rule.Name;

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

    /// <summary>The state the stopping rule sees.</summary>
    private VoteSnapshot Snapshot() =>
        new(AddedCount, BranchCount, _tally.Counts(), _history, _tally.ValidVotes == 0 ? 1 : _tally.MaxVoteWeight);

    /// <summary>Counts one outcome as a vote or an abstention and returns its key, or <see langword="null"/> for an abstention.</summary>
    private string? Count(BranchOutcome outcome)
    {
        string voter = config.VoterOf(outcome);
        if (!outcome.Succeeded || outcome.Response is null)
        {
            (outcome.Succeeded ? _noAnswer : _failed).Add(outcome);
            _ballots.Add(new Ballot(outcome.Index, outcome.Label, voter, outcome.Status, null, null, 0));
            return null;
        }

        string? answer = config.Extractor(outcome.Response.Text ?? string.Empty)?.Trim();
        string key = string.IsNullOrEmpty(answer) ? string.Empty : config.Normalizer(answer) ?? string.Empty;
        if (key.Length == 0)
        {
            _noAnswer.Add(outcome);
            _ballots.Add(new Ballot(outcome.Index, outcome.Label, voter, outcome.Status, answer, null, 0));
            return null;
        }

        double weight = config.WeightOf(outcome);
        if (!double.IsFinite(weight) || weight <= 0)
        {
            _zeroWeight.Add(outcome);
            _ballots.Add(new Ballot(outcome.Index, outcome.Label, voter, outcome.Status, answer, null, 0));
            return null;
        }

        _tally.Vote(outcome.Index, outcome.Label, key, answer!, outcome.Response, weight, AddedCount);
        _ballots.Add(new Ballot(outcome.Index, outcome.Label, voter, outcome.Status, answer, key, weight));
        return key;
    }
}
