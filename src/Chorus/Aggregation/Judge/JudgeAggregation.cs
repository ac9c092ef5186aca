using Microsoft.Extensions.AI;

namespace Chorus.Aggregation;

/// <summary>One run of the judge: the call is a second-stage branch run by the runner.</summary>
internal sealed class JudgeAggregation(JudgeAggregator config, int branchCount) : AggregationBase<JudgeResult>(branchCount)
{
    protected override async Task<AggregationResult<JudgeResult>> CompleteCoreAsync(AggregationContext context, CancellationToken cancellationToken)
    {
        List<BranchOutcome> succeeded = SucceededInBranchOrder();
        if (succeeded.Count == 0)
        {
            throw new AggregationException($"No candidate to judge: {DescribeNoSuccess()}.");
        }

        CandidateSet candidates = CandidateSet.Create(succeeded, config.ShuffleCandidates, config.Seed ?? CandidateSet.NewSeed());
        ChatOptions options = config.CreateChatOptions();
        if (config.Mode == JudgeMode.Pick)
        {
            options.ResponseFormat = ChatResponseFormat.ForJsonSchema(
                JudgeHelper.VerdictSchema(candidates),
                JudgeConstants.VerdictSchemaName,
                "The judge's choice of the best candidate.");
        }

        string prompt = AggregationText.Render(config.PromptTemplate, candidates.PromptValues(config.Task));
        var branch = new Branch(config.Label, config.Client, prompt, options);
        IReadOnlyList<BranchOutcome> stage = await context.RunStageAsync(JudgeConstants.Stage, [branch], cancellationToken).ConfigureAwait(false);
        BranchOutcome judged = stage.Count == 1
            ? stage[0]
            : throw new AggregationException($"The judge stage returned {stage.Count} outcomes for 1 branch.");
        if (!judged.Succeeded)
        {
            throw new AggregationException(
                $"The judge '{config.Label}' {AggregationText.DescribeFailure(judged)}",
                judged.Text,
                judged.Error);
        }

        string raw = judged.Text ?? string.Empty;
        var evidence = new List<DecisionEvidence>(candidates.Evidence());
        AddAbstentionEvidence(evidence);
        if (config.Mode == JudgeMode.Synthesize)
        {
            if (string.IsNullOrWhiteSpace(raw))
            {
                throw new AggregationException($"The judge '{config.Label}' returned no text to use as the synthesis.", raw);
            }

            evidence.Add(new DecisionEvidence("synthesis", candidates.Count, "from " + candidates.IdList));
            return new AggregationResult<JudgeResult>(
                new JudgeResult(raw, null, null),
                new AggregationDecision(JudgeConstants.Name, $"{config.Label} synthesized an answer from {candidates.Count} candidates", Evidence: evidence));
        }

        (Candidate choice, string? reason) = JudgeHelper.ParseVerdict(config.Label, raw, candidates);
        evidence.Add(new DecisionEvidence("choice", choice.Outcome.Index, $"{choice.Id}={choice.Label}: {reason}"));
        string summary = $"{config.Label} picked {choice.Label} (candidate {choice.Id} of {candidates.Count})";
        if (!string.IsNullOrWhiteSpace(reason))
        {
            summary += ": " + reason;
        }

        return new AggregationResult<JudgeResult>(
            new JudgeResult(choice.Text, choice.Label, reason),
            new AggregationDecision(JudgeConstants.Name, summary, choice.Label, Evidence: evidence));
    }
}
