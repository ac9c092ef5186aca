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

    public List<AnswerCount> Counts() => [.. Ranked().Select(e => new AnswerCount(e.Key, e.Votes, e.Weight))];
}
