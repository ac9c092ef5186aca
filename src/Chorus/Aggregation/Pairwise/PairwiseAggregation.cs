using Microsoft.Extensions.AI;

namespace Chorus.Aggregation;

/// <summary>One run of the pairwise panel: every (judge, pair, order) is a branch of one second stage run by the runner.</summary>
internal sealed class PairwiseAggregation(PairwiseAggregator config, int branchCount) : AggregationBase<PairwiseResult>(branchCount)
{
    protected override async Task<AggregationResult<PairwiseResult>> CompleteCoreAsync(AggregationContext context, CancellationToken cancellationToken)
    {
        List<BranchOutcome> candidates = SucceededInBranchOrder();
        if (candidates.Count == 0)
        {
            throw new AggregationException($"No candidate to compare: {DescribeNoSuccess()}.");
        }

        var evidence = new List<DecisionEvidence>();
        AddAbstentionEvidence(evidence);
        if (candidates.Count == 1)
        {
            BranchOutcome only = candidates[0];
            var alone = new PairwiseResult(only.Label, only.Text ?? string.Empty, [new CandidateScore(only.Label, "A", 0, "the only candidate")], [], [], new AgreementStatistics(double.NaN, double.NaN, 0, 0));
            return new AggregationResult<PairwiseResult>(alone, new AggregationDecision(PairwiseConstants.Name, $"{only.Label} was the only candidate; nothing to compare", only.Label, null, evidence));
        }

        List<(int First, int Second)> pairs = [];
        for (int i = 0; i < candidates.Count; i++)
        {
            for (int j = i + 1; j < candidates.Count; j++)
            {
                pairs.Add((i, j));
            }
        }

        (List<Branch> branches, List<(int Pair, int Judge, bool Swapped)> keys) = CreateBranches(candidates, pairs);
        IReadOnlyList<BranchOutcome> stage = await context.RunStageAsync(PairwiseConstants.Stage, branches, cancellationToken).ConfigureAwait(false);
        if (stage.Count != branches.Count)
        {
            throw new AggregationException($"The pairwise stage returned {stage.Count} outcomes for {branches.Count} branches.");
        }

        // Collect each (pair, judge)'s verdicts in both orders.
        var verdicts = new (PairwisePreference? InOrder, PairwisePreference? Swapped, string? Error, string? Reason)[pairs.Count, config.Judges.Count];
        for (int k = 0; k < keys.Count; k++)
        {
            (int pair, int judge, bool swapped) = keys[k];
            ref var slot = ref verdicts[pair, judge];
            BranchOutcome outcome = stage[k];
            PairwisePreference shown = PairwisePreference.Tie;
            string? reason = null;
            string? error = outcome.Succeeded ? PairwiseHelper.TryRead(outcome.Text, out shown, out reason) : AggregationText.DescribeFailure(outcome);
            if (error is not null)
            {
                slot.Error ??= (swapped ? "swapped order: " : "shown order: ") + (outcome.Succeeded ? "unusable output: " + error : error);
                continue;
            }

            PairwisePreference mapped = swapped ? PairwiseHelper.Unswap(shown) : shown;
            if (swapped)
            {
                slot.Swapped = mapped;
            }
            else
            {
                slot.InOrder = mapped;
            }

            slot.Reason ??= reason;
        }

        var judgments = new List<PairwiseJudgment>();
        var pairVerdicts = new List<PairVerdict>();
        var units = new List<IReadOnlyList<PairwisePreference?>>();
        for (int p = 0; p < pairs.Count; p++)
        {
            BranchOutcome first = candidates[pairs[p].First];
            BranchOutcome second = candidates[pairs[p].Second];
            var votes = new List<(PairwisePreference, double)>();
            var unit = new PairwisePreference?[config.Judges.Count];
            for (int j = 0; j < config.Judges.Count; j++)
            {
                (PairwisePreference? inOrder, PairwisePreference? swapped, string? error, string? reason) = verdicts[p, j];
                PairwisePreference? preference = error is not null || inOrder is null ? null
                    : !config.BothOrders ? inOrder
                    : swapped is { } s ? PairwiseHelper.CombineOrders(inOrder.Value, s)
                    : null;
                judgments.Add(new PairwiseJudgment(config.Judges[j].Label, first.Label, second.Label, preference, inOrder, swapped, preference is null ? error ?? "no verdict" : null, reason));
                unit[j] = preference;
                if (preference is { } counted)
                {
                    votes.Add((counted, config.Judges[j].Weight));
                }
            }

            units.Add(unit);
            pairVerdicts.Add(PairwiseHelper.CombineJudges(first.Label, second.Label, votes));
        }

        if (judgments.All(j => j.Abstained))
        {
            throw new AggregationException(
                $"Every pairwise judge abstained: {string.Join("; ", judgments.Select(j => $"{j.Judge} on {j.FirstLabel}~{j.SecondLabel}: {j.Error}"))}.",
                stage.Count > 0 ? stage[0].Text : null);
        }

        List<CandidateScore> standings = Rank(candidates, pairs, pairVerdicts);
        AgreementStatistics agreement = PairwiseHelper.AgreementOf(units);
        BranchOutcome winner = candidates.First(c => c.Label == standings[0].CandidateLabel);
        AddEvidence(evidence, judgments, pairVerdicts, standings, agreement);

        int flips = judgments.Count(j => j.PositionFlip);
        int abstained = judgments.Count(j => j.Abstained);
        string summary = $"pairwise ({config.Judges.Count} judges x {pairs.Count} pairs{(config.BothOrders ? ", both orders" : string.Empty)}) chose {winner.Label} "
            + $"with {AggregationText.Number(standings[0].Score)} of {candidates.Count - 1} pairs; "
            + $"{flips} position flips, {abstained} abstentions; Fleiss kappa {AggregationText.Number(agreement.FleissKappa)}, Krippendorff alpha {AggregationText.Number(agreement.KrippendorffAlpha)}";
        double confidence = standings[0].Score / (candidates.Count - 1);
        return new AggregationResult<PairwiseResult>(
            new PairwiseResult(winner.Label, winner.Text ?? string.Empty, standings, pairVerdicts, judgments, agreement),
            new AggregationDecision(PairwiseConstants.Name, summary, winner.Label, confidence, evidence));
    }

    private static List<CandidateScore> Rank(List<BranchOutcome> candidates, List<(int First, int Second)> pairs, List<PairVerdict> verdicts)
    {
        double[] points = new double[candidates.Count];
        double[] weight = new double[candidates.Count];
        for (int p = 0; p < pairs.Count; p++)
        {
            (int a, int b) = pairs[p];
            PairVerdict v = verdicts[p];
            points[a] += v.Preference switch { PairwisePreference.First => 1, PairwisePreference.Tie => 0.5, _ => 0 };
            points[b] += v.Preference switch { PairwisePreference.Second => 1, PairwisePreference.Tie => 0.5, _ => 0 };
            weight[a] += v.FirstWeight;
            weight[b] += v.SecondWeight;
        }

        return [.. Enumerable.Range(0, candidates.Count)
            .OrderByDescending(i => points[i])
            .ThenByDescending(i => weight[i])
            .ThenBy(i => candidates[i].Index)
            .Select(i => new CandidateScore(candidates[i].Label, CandidateSet.IdFor(i), points[i], $"won {AggregationText.Number(points[i])} of {candidates.Count - 1} pairs (ties count 1/2); judge weight {AggregationText.Number(weight[i])}"))];
    }

    private static void AddEvidence(List<DecisionEvidence> evidence, List<PairwiseJudgment> judgments, List<PairVerdict> pairs, List<CandidateScore> standings, AgreementStatistics agreement)
    {
        foreach (PairwiseJudgment j in judgments)
        {
            string key = $"{j.Judge}/{j.FirstLabel}~{j.SecondLabel}";
            evidence.Add(j.Abstained
                ? new DecisionEvidence(key, 0, "abstained: " + j.Error)
                : new DecisionEvidence(key, Score(j.Preference!.Value), $"{j.Preference}; in order {j.InOrder?.ToString() ?? "-"}, swapped {j.Swapped?.ToString() ?? "-"}{(j.PositionFlip ? " (position flip: tie)" : string.Empty)}: {j.Reason}"));
        }

        foreach (PairVerdict pair in pairs)
        {
            evidence.Add(new DecisionEvidence($"pair/{pair.FirstLabel}~{pair.SecondLabel}", Score(pair.Preference), $"{pair.Preference}: weight {AggregationText.Number(pair.FirstWeight)} vs {AggregationText.Number(pair.SecondWeight)}, tie {AggregationText.Number(pair.TieWeight)}"));
        }

        foreach (CandidateScore standing in standings)
        {
            evidence.Add(new DecisionEvidence("standing/" + standing.CandidateLabel, standing.Score, standing.Reason));
        }

        evidence.Add(new DecisionEvidence("agreement/fleiss_kappa", agreement.FleissKappa, $"{agreement.Raters} judges, pairs rated by all of them; categories First, Second, Tie"));
        evidence.Add(new DecisionEvidence("agreement/krippendorff_alpha", agreement.KrippendorffAlpha, $"nominal, {agreement.Units} pairs, abstentions missing"));
    }

    /// <summary>1 for the first candidate, 0 for the second, ½ for a tie: the first candidate's share.</summary>
    private static double Score(PairwisePreference preference) => preference switch
    {
        PairwisePreference.First => 1,
        PairwisePreference.Second => 0,
        _ => 0.5,
    };

    private (List<Branch> Branches, List<(int Pair, int Judge, bool Swapped)> Keys) CreateBranches(List<BranchOutcome> candidates, List<(int First, int Second)> pairs)
    {
        ChatResponseFormat format = ChatResponseFormat.ForJsonSchema(PairwiseHelper.VerdictSchema(), PairwiseConstants.SchemaName, "Which of two candidates is better, or tie.");
        var branches = new List<Branch>();
        var keys = new List<(int, int, bool)>();
        for (int p = 0; p < pairs.Count; p++)
        {
            BranchOutcome first = candidates[pairs[p].First];
            BranchOutcome second = candidates[pairs[p].Second];
            for (int j = 0; j < config.Judges.Count; j++)
            {
                Juror judge = config.Judges[j];
                foreach (bool swapped in config.BothOrders ? [false, true] : (bool[])[false])
                {
                    CandidateSet shown = CandidateSet.Create(swapped ? [second, first] : [first, second], shuffle: false, seed: 0);
                    Dictionary<string, string> values = shown.PromptValues(config.Task);
                    values["aspect"] = judge.Aspect;
                    values["criteria"] = judge.Criteria ?? judge.Aspect;
                    ChatOptions options = judge.Options?.Clone() ?? new ChatOptions();
                    options.ResponseFormat = format;
                    string label = $"{judge.Label}/{first.Label}~{second.Label}{(swapped ? "/swapped" : string.Empty)}";
                    branches.Add(new Branch(label, judge.Client, AggregationText.Render(config.PromptTemplate, values), options));
                    keys.Add((p, j, swapped));
                }
            }
        }

        return (branches, keys);
    }
}
