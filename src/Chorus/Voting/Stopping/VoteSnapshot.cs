namespace Chorus.Voting;

/// <summary>The state of a vote after a sample landed, as a <see cref="IStoppingRule"/> sees it.</summary>
/// <param name="Samples">The samples counted so far: votes and abstentions (failures, no extractable answer).</param>
/// <param name="MaxSamples">The most samples the vote can take.</param>
/// <param name="Answers">The answers so far, most weight first; equal weights in the order the tie rule ranks them.</param>
/// <param name="History">Every counted sample's normalized answer in the order they landed; <see langword="null"/> for an abstention.</param>
/// <param name="MaxVoteWeight">The largest weight of one vote so far (1 when votes are unweighted); the bound rules assume for samples still to come.</param>
public readonly record struct VoteSnapshot(
    int Samples,
    int MaxSamples,
    IReadOnlyList<AnswerCount> Answers,
    IReadOnlyList<string?> History,
    double MaxVoteWeight)
{
    /// <summary>Gets the samples still to come: <see cref="MaxSamples"/> minus <see cref="Samples"/>.</summary>
    public int Remaining => Math.Max(0, MaxSamples - Samples);

    /// <summary>Gets the leading answer's weight, 0 when nothing was voted.</summary>
    public double LeaderWeight => Answers is { Count: > 0 } a ? a[0].Weight : 0;

    /// <summary>Gets the runner-up's weight, 0 when fewer than two answers were voted.</summary>
    public double RunnerUpWeight => Answers is { Count: > 1 } a ? a[1].Weight : 0;

    /// <summary>Gets the total weight of every vote.</summary>
    public double TotalWeight => Answers is null ? 0 : Answers.Sum(a => a.Weight);

    /// <summary>Gets the leader's share of the total weight, 0 when nothing was voted.</summary>
    public double LeaderShare => TotalWeight > 0 ? LeaderWeight / TotalWeight : 0;
}
