using System.Diagnostics;

namespace Chorus.Voting;

/// <summary>The running count of a majority vote, with the tie rules and the exact settle test.</summary>
internal sealed class VoteTally(MajorityTieRule tieRule)
{
    private readonly Dictionary<string, VoteEntry> _entries = new(StringComparer.Ordinal);

    public int ValidVotes { get; private set; }

    public IReadOnlyCollection<VoteEntry> Entries => _entries.Values;

    public void Vote(int index, string label, string key, string answer, Microsoft.Extensions.AI.ChatResponse response, int arrival)
    {
        if (!_entries.TryGetValue(key, out VoteEntry? entry))
        {
            entry = new VoteEntry(key, answer, response, index);
            _entries.Add(key, entry);
        }

        entry.Vote(index, label, answer, response, arrival);
        ValidVotes++;
    }

    /// <summary>Finds the leader under the tie rule; <paramref name="tied"/> is set when another answer has as many votes.</summary>
    /// <returns>The leader, or <see langword="null"/> when nobody has voted.</returns>
    public VoteEntry? Leader(out bool tied, out int runnerUpVotes)
    {
        VoteEntry? leader = null;
        tied = false;
        runnerUpVotes = 0;
        foreach (VoteEntry entry in _entries.Values)
        {
            if (leader is null)
            {
                leader = entry;
                continue;
            }

            if (entry.Count > leader.Count)
            {
                runnerUpVotes = leader.Count;
                leader = entry;
                tied = false;
            }
            else if (entry.Count == leader.Count)
            {
                runnerUpVotes = entry.Count;
                tied = true;
                if (WinsTie(entry, leader))
                {
                    leader = entry;
                }
            }
            else
            {
                runnerUpVotes = Math.Max(runnerUpVotes, entry.Count);
            }
        }

        return leader;
    }

    /// <summary>
    /// Whether every way the <paramref name="remaining"/> branches could still vote (or abstain) leaves the same winner.
    /// A challenger can gain at most <paramref name="remaining"/> votes, so only the case where it ties the leader exactly needs the tie rule.
    /// </summary>
    /// <param name="remaining">The branches not yet added.</param>
    /// <param name="lowestRemainingIndex">The lowest index not yet added; ignored when none remain.</param>
    public bool IsSettled(int remaining, int lowestRemainingIndex)
    {
        VoteEntry? leader = Leader(out bool tied, out int runnerUp);
        if (leader is null)
        {
            return false;
        }

        if (remaining == 0)
        {
            return !tied || tieRule != MajorityTieRule.NoDecision;
        }

        int reachable = runnerUp + remaining;
        if (leader.Count != reachable)
        {
            return leader.Count > reachable;
        }

        Debug.Assert(!tied, "A leader tied now cannot be out of reach while branches remain.");
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
                return runnerUp == 0 || _entries.Values.All(e => e == leader || e.Count != runnerUp || e.MinIndex > leader.MinIndex);
            default:
                return false;
        }
    }

    private bool WinsTie(VoteEntry challenger, VoteEntry holder) => tieRule switch
    {
        MajorityTieRule.LowestBranchIndex => challenger.MinIndex < holder.MinIndex,

        // With NoDecision the tie is reported anyway; keep a deterministic order for the message.
        _ => challenger.ReachedAt < holder.ReachedAt,
    };
}
