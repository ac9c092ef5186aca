namespace Chorus.Voting;

/// <summary>Never stops: every sample is counted unless something else settles the vote. Confidence is the leader's share.</summary>
internal sealed class NeverStopRule : IStoppingRule
{
    public static NeverStopRule Instance { get; } = new();

    public string Name => "all";

    public StoppingCheck Check(VoteSnapshot snapshot) => new(false, snapshot.LeaderShare);
}
