namespace Chorus.Voting;

/// <summary>Stops once the leader's lead exceeds what the samples still to come could add to the runner-up.</summary>
/// <remarks>Exact for unweighted votes, under any tie rule, since the lead is strict. With weights, each sample to come is assumed to weigh at most the heaviest vote so far.</remarks>
internal sealed class CannotBeOvertakenRule : IStoppingRule
{
    public string Name => "cannot-be-overtaken";

    public StoppingCheck Check(VoteSnapshot snapshot)
    {
        bool stop = snapshot.Answers.Count > 0
            && snapshot.LeaderWeight - snapshot.RunnerUpWeight > snapshot.Remaining * snapshot.MaxVoteWeight;
        return new StoppingCheck(stop, snapshot.LeaderShare);
    }
}
