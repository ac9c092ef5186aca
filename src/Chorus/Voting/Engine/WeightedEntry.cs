using Microsoft.Extensions.AI;

namespace Chorus.Voting;

/// <summary>The weighted votes for one normalized answer.</summary>
internal sealed class WeightedEntry(string key, string answer, ChatResponse response, int index, int arrival)
{
    public string Key { get; } = key;

    /// <summary>Gets the answer as the lowest-index voter gave it.</summary>
    public string Answer { get; private set; } = answer;

    /// <summary>Gets the lowest-index voter's response.</summary>
    public ChatResponse Response { get; private set; } = response;

    public int MinIndex { get; private set; } = index;

    public int Votes { get; private set; }

    public double Weight { get; private set; }

    /// <summary>Gets the arrival number (1-based) of the vote that brought the weight to its current value.</summary>
    public int ReachedAt { get; private set; } = arrival;

    public List<string> VoterLabels { get; } = [];

    public void Vote(int index, string label, string answer, ChatResponse response, double weight, int arrival)
    {
        Votes++;
        Weight += weight;
        ReachedAt = arrival;
        VoterLabels.Add(label);
        if (index <= MinIndex)
        {
            MinIndex = index;
            Answer = answer;
            Response = response;
        }
    }
}
