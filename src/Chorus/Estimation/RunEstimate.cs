namespace Chorus.Estimation;

/// <summary>What a plan is expected to cost before it is launched: every branch and every follow-up call (judges, jurors).</summary>
/// <remarks>An upper-bound style estimate: every branch runs, every output reaches its max tokens (or the expected length), and
/// judges see every candidate. A vote that settles early, or a journal that replays branches, costs less.</remarks>
public sealed record RunEstimate
{
    /// <summary>Gets each call's estimate: the plan's branches in index order, then the follow-up calls.</summary>
    public required IReadOnlyList<BranchEstimate> Calls { get; init; }

    /// <summary>Gets the number of the plan's own branches.</summary>
    public int Branches => Calls.Count(c => c.Stage == RunStages.Main);

    /// <summary>Gets the number of follow-up calls the aggregator will make (judges, jurors); 0 when it makes none or does not say.</summary>
    public int FollowUpCalls => Calls.Count - Branches;

    /// <summary>Gets the expected input tokens.</summary>
    public long InputTokens => Calls.Sum(c => c.InputTokens);

    /// <summary>Gets the expected output tokens.</summary>
    public long OutputTokens => Calls.Sum(c => c.OutputTokens);

    /// <summary>Gets the expected total tokens.</summary>
    public long TotalTokens => InputTokens + OutputTokens;

    /// <summary>Gets the expected cost, or <see langword="null"/> when any call's model has no price.</summary>
    public decimal? Cost => Calls.All(c => c.Cost.HasValue) ? Calls.Sum(c => c.Cost!.Value) : null;
}
