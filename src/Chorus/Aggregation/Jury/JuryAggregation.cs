using Microsoft.Extensions.AI;

namespace Chorus.Aggregation;

/// <summary>One run of the jury: every juror is a branch of one second stage run by the runner.</summary>
internal sealed class JuryAggregation(JuryAggregator config, int branchCount) : AggregationBase<JuryResult>(branchCount)
{
    protected override async Task<AggregationResult<JuryResult>> CompleteCoreAsync(AggregationContext context, CancellationToken cancellationToken)
    {
        List<BranchOutcome> succeeded = SucceededInBranchOrder();
        if (succeeded.Count == 0)
        {
            throw new AggregationException($"No candidate for the jury: {DescribeNoSuccess()}.");
        }

        CandidateSet candidates = CandidateSet.Create(succeeded, config.ShuffleCandidates, config.Seed ?? CandidateSet.NewSeed());
        IReadOnlyList<BranchOutcome> stage = await context.RunStageAsync(JuryConstants.Stage, CreateBranches(candidates), cancellationToken).ConfigureAwait(false);
        if (stage.Count != config.Jurors.Count)
        {
            throw new AggregationException($"The jury stage returned {stage.Count} outcomes for {config.Jurors.Count} jurors.");
        }

        List<JurorVerdict> verdicts = [.. config.Jurors.Select((juror, i) => Read(juror, stage[i], candidates))];
        List<JurorVerdict> counted = [.. verdicts.Where(v => !v.Abstained)];
        if (counted.Count == 0)
        {
            throw new AggregationException(
                $"Every juror abstained: {string.Join("; ", verdicts.Select(v => $"{v.Juror}: {v.Error}"))}.",
                verdicts[0].RawOutput);
        }

        List<CandidateScore> standings = Rank(candidates, counted);
        CandidateScore winner = standings[0];
        Candidate chosen = candidates.Find(winner.CandidateId)!;
        double totalWeight = counted.Sum(v => v.Weight);
        double agreement = counted.Where(v => JuryHelper.TopPick(v) == winner.CandidateId).Sum(v => v.Weight) / totalWeight;

        var evidence = new List<DecisionEvidence>(candidates.Evidence());
        AddAbstentionEvidence(evidence);
        foreach (JurorVerdict verdict in verdicts)
        {
            if (verdict.Abstained)
            {
                evidence.Add(new DecisionEvidence($"{verdict.Juror}/{verdict.Aspect}", 0, "abstained: " + verdict.Error));
                continue;
            }

            foreach (CandidateScore score in verdict.Scores)
            {
                evidence.Add(new DecisionEvidence($"{verdict.Juror}/{verdict.Aspect}/{score.CandidateLabel}", score.Score, $"{score.CandidateId}: {score.Reason}"));
            }
        }

        foreach (CandidateScore standing in standings)
        {
            evidence.Add(new DecisionEvidence("combined/" + standing.CandidateLabel, standing.Score, standing.Reason));
        }

        AgreementStatistics statistics = JuryHelper.AgreementOf(candidates.Count, counted);
        evidence.Add(new DecisionEvidence("agreement/fleiss_kappa", statistics.FleissKappa, $"{counted.Count} jurors x {candidates.Count} candidates; each score 1-10 a category"));
        evidence.Add(new DecisionEvidence("agreement/krippendorff_alpha", statistics.KrippendorffAlpha, $"interval, {counted.Count} jurors x {candidates.Count} candidates"));

        int abstained = verdicts.Count - counted.Count;
        string summary = $"jury ({Describe(counted.Count)}{(abstained > 0 ? $", {abstained} abstained" : string.Empty)}) chose {chosen.Label} "
            + $"(candidate {chosen.Id} of {candidates.Count}) with {AggregationText.Number(winner.Score)}; agreement {AggregationText.Number(agreement)}";
        return new AggregationResult<JuryResult>(
            new JuryResult(chosen.Label, chosen.Text, winner.Score, standings, verdicts) { Agreement = statistics },
            new AggregationDecision(JuryConstants.Name, summary, chosen.Label, agreement, evidence));
    }

    private static JurorVerdict Read(Juror juror, BranchOutcome outcome, CandidateSet candidates)
    {
        if (!outcome.Succeeded)
        {
            return new JurorVerdict(juror.Label, juror.Aspect, juror.Weight, [], AggregationText.DescribeFailure(outcome), outcome.Text);
        }

        string? error = JuryHelper.TryParseScores(outcome.Text, candidates, out List<CandidateScore> scores);
        return error is null
            ? new JurorVerdict(juror.Label, juror.Aspect, juror.Weight, scores, null, outcome.Text)
            : new JurorVerdict(juror.Label, juror.Aspect, juror.Weight, [], "unusable output: " + error, outcome.Text);
    }

    private List<Branch> CreateBranches(CandidateSet candidates)
    {
        Dictionary<string, string> values = candidates.PromptValues(config.Task);
        ChatResponseFormat format = ChatResponseFormat.ForJsonSchema(
            JuryHelper.ScoresSchema(candidates),
            JuryConstants.ScoresSchemaName,
            "A juror's 1-10 score for every candidate.");
        var branches = new List<Branch>(config.Jurors.Count);
        foreach (Juror juror in config.Jurors)
        {
            values["aspect"] = juror.Aspect;
            values["criteria"] = juror.Criteria ?? juror.Aspect;
            ChatOptions options = juror.Options?.Clone() ?? new ChatOptions();
            options.ResponseFormat = format;
            branches.Add(new Branch(juror.Label, juror.Client, AggregationText.Render(config.PromptTemplate, values), options));
        }

        return branches;
    }

    /// <summary>Combined scores, best first; ties go to the higher weighted mean, then to the lower branch index.</summary>
    private List<CandidateScore> Rank(CandidateSet candidates, List<JurorVerdict> counted)
    {
        double totalWeight = counted.Sum(v => v.Weight);
        var rows = new List<(Candidate Candidate, double Combined, double Mean)>(candidates.Count);
        for (int c = 0; c < candidates.Count; c++)
        {
            Candidate candidate = candidates.Items[c];
            List<(double Score, double Weight)> scores = [.. counted.Select(v => (v.Scores[c].Score, v.Weight))];
            double mean = JuryHelper.WeightedMean(scores);
            double combined = config.Combine switch
            {
                JuryCombine.Median => JuryHelper.WeightedMedian(scores),
                JuryCombine.Majority => counted.Where(v => JuryHelper.TopPick(v) == candidate.Id).Sum(v => v.Weight) / totalWeight,
                _ => mean,
            };
            rows.Add((candidate, combined, mean));
        }

        string how = Describe(counted.Count);
        return [.. rows
            .OrderByDescending(r => r.Combined)
            .ThenByDescending(r => r.Mean)
            .ThenBy(r => r.Candidate.Outcome.Index)
            .Select(r => new CandidateScore(r.Candidate.Label, r.Candidate.Id, r.Combined, how))];
    }

    private string Describe(int jurors) => config.Combine switch
    {
        JuryCombine.Median => $"median of {jurors} jurors",
        JuryCombine.Majority => $"majority of {jurors} jurors",
        _ => $"mean of {jurors} jurors",
    };
}
