using Chorus.Internal;
using Chorus.Estimation;

namespace Chorus.Aggregation;

/// <summary>Several jurors score every candidate and the scores are combined; the configuration, shared by every run.</summary>
internal sealed class JuryAggregator : IAggregator<JuryResult>, IFollowUpEstimator
{
    public JuryAggregator(IReadOnlyList<Juror> jurors, JuryOptions options)
    {
        Jurors = jurors;
        Combine = options.Combine;
        Task = options.Task;
        PromptTemplate = options.PromptTemplate ?? JudgePrompts.Juror;
        Seed = options.Seed;
        ShuffleCandidates = options.ShuffleCandidates;
    }

    public string Name => JuryConstants.Name;

    public IReadOnlyList<Juror> Jurors { get; }

    public JuryCombine Combine { get; }

    public string? Task { get; }

    public string PromptTemplate { get; }

    public int? Seed { get; }

    public bool ShuffleCandidates { get; }

    public IAggregation<JuryResult> Begin(int branchCount) => new JuryAggregation(this, branchCount);

    public IReadOnlyList<FollowUpCall> FollowUpCalls(int candidates, long tokensPerCandidate) =>
        [.. Jurors.Select(j => new FollowUpCall(
            j.Label, JuryConstants.Stage, j.Client, j.Options, FollowUpEstimates.PromptTokens(PromptTemplate, Task, candidates, tokensPerCandidate) + TokenEstimator.Count(j.Aspect)))];
}
