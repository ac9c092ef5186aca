using Microsoft.Extensions.AI;

namespace Chorus.Voting;

/// <summary>The configuration of a vote with a stopping rule, weights and optional clustering; shared by every run.</summary>
internal sealed class VoteAggregator : IAggregator<VoteResult>
{
    public VoteAggregator(VoteAggregatorOptions options, IReadOnlyList<string>? panelVoters = null, IReadOnlyList<double>? panelWeights = null)
    {
        Extractor = options.AnswerExtractor;
        Normalizer = options.Normalizer;
        Rule = options.StoppingRule;
        TieRule = options.TieRule;
        Weight = options.Weight;
        Clusterer = options.Clusterer;
        ClustererOptions = options.ClustererOptions?.Clone();
        PanelVoters = panelVoters;
        PanelWeights = panelWeights;
        Name = VoteConstants.Name;
    }

    /// <summary>The majority vote: the same engine with no weights, no clustering and no stopping rule of its own, settling
    /// (when asked) exactly when no outcome still to come can change the winner under the tie rule.</summary>
    private VoteAggregator(MajorityVoteOptions options)
    {
        Extractor = options.AnswerExtractor;
        Normalizer = options.Normalizer;
        TieRule = options.TieRule;
        Rule = NeverStopRule.Instance;
        SettleWhenDecided = options.SettleWhenDecided;
        Name = VoteConstants.MajorityName;
    }

    public static VoteAggregator Majority(MajorityVoteOptions options) => new(options);

    public string Name { get; }

    /// <summary>Gets a value indicating whether the vote settles as soon as the winner is decided exactly (the majority vote); the stopping rule decides otherwise.</summary>
    public bool SettleWhenDecided { get; }

    public Func<string, string?> Extractor { get; }

    public Func<string, string> Normalizer { get; }

    public IStoppingRule Rule { get; }

    public MajorityTieRule TieRule { get; }

    public Func<BranchOutcome, double>? Weight { get; }

    public IChatClient? Clusterer { get; }

    public ChatOptions? ClustererOptions { get; }

    /// <summary>Gets the panel voter of each branch (branch i belongs to voter i mod count), when the vote is a panel.</summary>
    public IReadOnlyList<string>? PanelVoters { get; }

    public IReadOnlyList<double>? PanelWeights { get; }

    public IAggregation<VoteResult> Begin(int branchCount) => new VoteAggregation(this, branchCount);

    public string VoterOf(BranchOutcome outcome) =>
        PanelVoters is { Count: > 0 } voters ? voters[outcome.Index % voters.Count] : outcome.Model ?? outcome.Label;

    public double WeightOf(BranchOutcome outcome)
    {
        double weight = Weight?.Invoke(outcome) ?? 1;
        if (PanelWeights is { Count: > 0 } weights)
        {
            weight *= weights[outcome.Index % weights.Count];
        }

        return weight;
    }
}
