namespace Chorus;

/// <summary>What middleware reported for a branch, read once when the branch ends.</summary>
internal sealed record BranchCounters(TimeSpan ThrottleWait, int Http429, int Hedges, int HedgesWon)
{
    public static BranchCounters None { get; } = new(TimeSpan.Zero, 0, 0, 0);
}
