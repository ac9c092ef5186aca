namespace Chorus.Voting;

/// <summary>Counts extracted answers and picks the most common; the configuration, shared by every run.</summary>
internal sealed class MajorityVoteAggregator : IAggregator<VoteResult>
{
    public MajorityVoteAggregator(MajorityVoteOptions options)
    {
        AnswerExtractor = options.AnswerExtractor;
        Normalizer = options.Normalizer;
        TieRule = options.TieRule;
        SettleWhenDecided = options.SettleWhenDecided;
    }

    public string Name => MajorityVoteConstants.Name;

    public Func<string, string?> AnswerExtractor { get; }

    public Func<string, string> Normalizer { get; }

    public MajorityTieRule TieRule { get; }

    public bool SettleWhenDecided { get; }

    public IAggregation<VoteResult> Begin(int branchCount) => new MajorityVoteAggregation(this, branchCount);
}
