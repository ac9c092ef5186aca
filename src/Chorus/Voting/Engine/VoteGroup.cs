namespace Chorus.Voting;

/// <summary>Answers counted as one: a single normalized answer, or a cluster of them.</summary>
/// <param name="Members">The member entries, most weight first; the first is the representative.</param>
/// <param name="Rank">The representative's position in the tally's ranking, used to break equal weights by the tie rule.</param>
internal sealed record VoteGroup(IReadOnlyList<WeightedEntry> Members, int Rank)
{
    public WeightedEntry Representative => Members[0];

    public double Weight => Members.Sum(m => m.Weight);

    public int Votes => Members.Sum(m => m.Votes);

    public IEnumerable<string> VoterLabels => Members.SelectMany(m => m.VoterLabels);
}
