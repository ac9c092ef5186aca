using Microsoft.Extensions.AI;

namespace Chorus.Voting;

/// <summary>The votes for one normalized answer.</summary>
internal sealed class VoteEntry(string key, string answer, ChatResponse response, int index)
{
    private readonly SortedList<int, string> _voters = [];

    public string Key { get; } = key;

    /// <summary>Gets the answer as the lowest-index voter gave it.</summary>
    public string Answer { get; private set; } = answer;

    /// <summary>Gets the lowest-index voter's response.</summary>
    public ChatResponse Response { get; private set; } = response;

    public int MinIndex { get; private set; } = index;

    public int Count => _voters.Count;

    /// <summary>Gets the arrival number (1-based) of the vote that brought the count to its current value.</summary>
    public int ReachedAt { get; private set; }

    /// <summary>Gets the voters' labels in branch order.</summary>
    public IEnumerable<string> VoterLabels => _voters.Values;

    public void Vote(int index, string label, string answer, ChatResponse response, int arrival)
    {
        _voters.Add(index, label);
        ReachedAt = arrival;
        if (index <= MinIndex)
        {
            MinIndex = index;
            Answer = answer;
            Response = response;
        }
    }
}
