using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;
using Chorus.Aggregation;
using Chorus.Recipes;

namespace Chorus.Sandbox;

/// <summary>One run of best-of-N code: collects outcomes, then tests, reviews and ranks the candidates.</summary>
internal sealed class CodeBestOfAggregation(CodeBestOfAggregator config, int branchCount) : AggregationBase<CodeBestOfResult>(branchCount)
{
    private const string ReviewStage = "review";
    private const string ReviewSchemaName = "chorus_scores";
    private readonly CodeBestOfAggregator _config = config;

    protected override async Task<AggregationResult<CodeBestOfResult>> CompleteCoreAsync(AggregationContext context, CancellationToken cancellationToken)
    {
        List<BranchOutcome> succeeded = SucceededInBranchOrder();
        if (succeeded.Count == 0)
        {
            throw new AggregationException($"No candidate to test: none of the {BranchCount} branches succeeded.");
        }

        SandboxIsolation isolation = await _config.Sandbox.GetIsolationAsync().ConfigureAwait(false);
        var tested = new List<CodeCandidateResult>(succeeded.Count);
        foreach (BranchOutcome outcome in succeeded)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string? code = CodeExtractor.Extract(outcome.Text, _config.Language);
            CodeEvaluation evaluation = await _config.Sandbox.EvaluateAsync(code, _config.Tests, _config.Language, _config.Repetitions, cancellationToken).ConfigureAwait(false);
            tested.Add(new CodeCandidateResult(outcome.Label, outcome.Index, code, evaluation, null, null, 0));
        }

        var evidence = new List<DecisionEvidence>();
        List<CodeCandidateResult> passing = [.. tested.Where(c => c.Evaluation.Passed)];
        if (_config.Reviewer is not null && passing.Count >= 2)
        {
            tested = await ReviewAsync(context, tested, passing, evidence, cancellationToken).ConfigureAwait(false);
        }

        IReadOnlyList<CodeCandidateResult> ranked = CodeRanking.Rank(tested, _config.RuntimeTolerance);
        AddEvidence(evidence, ranked, isolation);
        if (!ranked[0].Evaluation.Passed)
        {
            throw new AggregationException(
                $"No candidate passed the tests: {string.Join("; ", ranked.Select(c => $"{c.Label}: {c.Evaluation.Status} ({c.Evaluation.Detail})"))}.");
        }

        CodeCandidateResult winner = ranked[0];
        string summary = $"{winner.Label} passed and ran fastest"
            + $" (median {Ms(winner.Evaluation.MedianRuntime)} ms over {winner.Evaluation.Runs.Count} runs); {passing.Count} of {tested.Count} candidates passed"
            + (isolation.Available ? "; isolated by " + isolation.Name : "; NOT isolated: " + isolation.Note);
        return new AggregationResult<CodeBestOfResult>(
            new CodeBestOfResult(winner.Label, winner.Code!, winner.Evaluation, ranked, isolation),
            new AggregationDecision(_config.Name, summary, winner.Label, (double)passing.Count / tested.Count, evidence));
    }

    private void AddEvidence(List<DecisionEvidence> evidence, IReadOnlyList<CodeCandidateResult> ranked, SandboxIsolation isolation)
    {
        foreach (CodeCandidateResult candidate in ranked)
        {
            CodeEvaluation e = candidate.Evaluation;
            string runs = e.Runs.Count == 0 ? "no runs" : "runs " + string.Join(", ", e.Runs.Select(r => Ms(r.Duration))) + " ms";
            string review = candidate.ReviewScore is { } score ? $"; review {score.ToString(CultureInfo.InvariantCulture)}: {candidate.ReviewReason}" : string.Empty;
            string build = e.BuildDuration is { } b ? $"; build {Ms(b)} ms" : string.Empty;
            evidence.Add(new DecisionEvidence(
                $"candidate/{candidate.Label}",
                e.MedianRuntime?.TotalMilliseconds ?? 0,
                $"rank {candidate.Rank}: {e.Status}: {e.Detail}; {runs}{build}{review}"));
        }

        foreach (BranchOutcome outcome in AddedInBranchOrder())
        {
            if (!outcome.Succeeded)
            {
                evidence.Add(new DecisionEvidence("abstained/" + outcome.Label, 0, $"{outcome.Status}: {outcome.Error?.Message}"));
            }
        }

        evidence.Add(new DecisionEvidence("sandbox/isolation", isolation.Available ? 1 : 0, isolation.Describe()));
    }

    private async Task<List<CodeCandidateResult>> ReviewAsync(
        AggregationContext context, List<CodeCandidateResult> tested, List<CodeCandidateResult> passing, List<DecisionEvidence> evidence, CancellationToken cancellationToken)
    {
        var prompt = new StringBuilder();
        prompt.Append("You are reviewing code. Every candidate below passed the same tests. Score each from 1 (worst) to 10 (best) for readability, robustness and idiomatic style.\n\n");
        if (!string.IsNullOrWhiteSpace(_config.Task))
        {
            prompt.Append("Task:\n").Append(_config.Task.Trim()).Append("\n\n");
        }

        prompt.Append("Candidates:\n");
        for (int i = 0; i < passing.Count; i++)
        {
            prompt.Append("<candidate id=\"").Append(IdFor(i)).Append("\">\n```\n").Append(passing[i].Code!.Trim()).Append("\n```\n</candidate>\n");
        }

        prompt.Append("\nReply with only a JSON object: {\"scores\":[{\"candidate\":\"<id>\",\"score\":<1-10>,\"reason\":\"<one sentence>\"}]}.");
        ChatOptions options = _config.ReviewOptions?.Clone() ?? new ChatOptions();
        options.ResponseFormat = StructuredOutput.FormatFor(SandboxJsonContext.Default.ReviewScores, ReviewSchemaName, "The reviewer's 1-10 score for every candidate.");
        IReadOnlyList<BranchOutcome> stage = await context.RunStageAsync(ReviewStage, [new Branch("reviewer", _config.Reviewer!, prompt.ToString(), options)], cancellationToken).ConfigureAwait(false);
        BranchOutcome review = stage[0];
        if (!review.Succeeded)
        {
            evidence.Add(new DecisionEvidence("review", 0, $"the review {review.Status}: {review.Error?.Message}; ranked without it"));
            return tested;
        }

        if (!StructuredOutput.TryRead(review.Text, SandboxJsonContext.Default.ReviewScores, out ReviewScores? scores, out string? error))
        {
            evidence.Add(new DecisionEvidence("review", 0, $"the review could not be read ({error}); ranked without it"));
            return tested;
        }

        var byLabel = new Dictionary<string, ReviewScore>(StringComparer.Ordinal);
        foreach (ReviewScore score in scores!.Scores ?? [])
        {
            int index = IndexOf(score.Candidate);
            if (index >= 0 && index < passing.Count && score.Score is >= 1 and <= 10)
            {
                byLabel[passing[index].Label] = score;
            }
        }

        evidence.Add(new DecisionEvidence("review", byLabel.Count, $"the reviewer scored {byLabel.Count} of {passing.Count} passing candidates"));
        return [.. tested.Select(c => byLabel.TryGetValue(c.Label, out ReviewScore? s) ? c with { ReviewScore = s.Score, ReviewReason = s.Reason } : c)];
    }

    private static string IdFor(int i) => i < 26 ? ((char)('A' + i)).ToString() : "C" + i.ToString(CultureInfo.InvariantCulture);

    private static int IndexOf(string? id)
    {
        string trimmed = (id ?? string.Empty).Trim().Trim('"', '\'').ToUpperInvariant();
        if (trimmed.Length == 1 && trimmed[0] is >= 'A' and <= 'Z')
        {
            return trimmed[0] - 'A';
        }

        return trimmed.StartsWith('C') && int.TryParse(trimmed.AsSpan(1), CultureInfo.InvariantCulture, out int n) ? n : -1;
    }

    private static string Ms(TimeSpan? value) => (value ?? TimeSpan.Zero).TotalMilliseconds.ToString("0.#", CultureInfo.InvariantCulture);
}
