using Microsoft.Extensions.AI;

namespace Chorus.Voting;

/// <summary>The running weighted count of a vote, ranked by weight and then by the tie rule.</summary>
internal sealed class WeightedTally(MajorityTieRule tieRule)
{
    private readonly Dictionary<string, WeightedEntry> _entries = new(StringComparer.Ordinal);

    public int ValidVotes { get; private set; }

    public double MaxVoteWeight { get; private set; }

    public int Count => _entries.Count;

    public void Vote(int index, string label, string key, string answer, ChatResponse response, double weight, int arrival)
    {
        if (!_entries.TryGetValue(key, out WeightedEntry? entry))
        {
            entry = new WeightedEntry(key, answer, response, index, arrival);
            _entries.Add(key, entry);
        }

        entry.Vote(index, label, answer, response, weight, arrival);
        ValidVotes++;
        MaxVoteWeight = Math.Max(MaxVoteWeight, weight);
    }

    /// <summary>The entries, most weight first; equal weights ranked by the tie rule.</summary>
    public List<WeightedEntry> Ranked()
    {
        List<WeightedEntry> ranked = [.. _entries.Values];
        ranked.Sort(Compare);
        return ranked;
    }

    /// <summary>Ranks two entries: more weight first, then the tie rule's winner.</summary>
    public int Compare(WeightedEntry x, WeightedEntry y)
    {
        int byWeight = y.Weight.CompareTo(x.Weight);
        if (byWeight != 0)
        {
            return byWeight;
        }

        return tieRule == MajorityTieRule.LowestBranchIndex
            ? x.MinIndex.CompareTo(y.MinIndex)
            : x.ReachedAt != y.ReachedAt ? x.ReachedAt.CompareTo(y.ReachedAt) : x.MinIndex.CompareTo(y.MinIndex);
    }

    /// <summary>
    /// Whether no outcome still to come can change the winner, exactly for the tie rule: the leader is out of reach, or a
    /// challenger could at best tie it and the tie rule gives the tie to the leader. Counts votes, so it assumes unweighted votes.
    /// </summary>
    /// <param name="remaining">The outcomes not yet counted.</param>
    /// <param name="lowestRemainingIndex">The lowest branch index not yet counted.</param>
    public bool IsDecided(int remaining, int lowestRemainingIndex)
    {
        if (_entries.Count == 0)
        {
            return false;
        }

        List<WeightedEntry> ranked = Ranked();
        WeightedEntry leader = ranked[0];
        int runnerUp = ranked.Count > 1 ? ranked[1].Votes : 0;
        bool tied = runnerUp == leader.Votes;
        if (remaining == 0)
        {
            return !tied || tieRule != MajorityTieRule.NoDecision;
        }

        int reachable = runnerUp + remaining;
        if (leader.Votes != reachable)
        {
            return leader.Votes > reachable;
        }

        switch (tieRule)
        {
            case MajorityTieRule.FirstToReach:
                // The leader already holds the count a challenger could at best tie it at, so it reached it first.
                return true;
            case MajorityTieRule.LowestBranchIndex:
                if (leader.MinIndex > lowestRemainingIndex)
                {
                    return false;
                }

                // A challenger can tie only by taking every remaining vote; runnerUp == 0 means a brand-new answer.
                return runnerUp == 0 || ranked.TrueForAll(e => e == leader || e.Votes != runnerUp || e.MinIndex > leader.MinIndex);
            default:
                return false;
        }
    }

    public List<AnswerCount> Counts() => [.. Ranked().Select(e => new AnswerCount(e.Key, e.Votes, e.Weight))];
}
