namespace Chorus.Sandbox;

/// <summary>The ranking of code candidates: passing first, then measured efficiency, then the optional review. Pure.</summary>
public static class CodeRanking
{
    /// <summary>Ranks candidates.</summary>
    /// <param name="candidates">The candidates, with their evaluations and optional review scores (their <see cref="CodeCandidateResult.Rank"/> is ignored).</param>
    /// <param name="runtimeTolerance">
    /// Runtimes within this fraction of the fastest in their group count as equal, so the review decides between them: passing candidates
    /// are sorted by median runtime and grouped greedily (a group holds every candidate at most (1 + tolerance) × its fastest member's time).
    /// </param>
    /// <returns>
    /// The candidates with <see cref="CodeCandidateResult.Rank"/> set, best first: passing candidates by runtime group, then review score
    /// (unreviewed last), then runtime, then branch index; then the others, by branch index.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="candidates"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="runtimeTolerance"/> is negative or not finite.</exception>
    public static IReadOnlyList<CodeCandidateResult> Rank(IEnumerable<CodeCandidateResult> candidates, double runtimeTolerance = 0.1)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (!double.IsFinite(runtimeTolerance) || runtimeTolerance < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(runtimeTolerance), runtimeTolerance, $"{nameof(runtimeTolerance)} must be a non-negative number, was {runtimeTolerance}.");
        }

        CodeCandidateResult[] all = [.. candidates];
        List<CodeCandidateResult> passing = [.. all.Where(c => c.Evaluation.Passed).OrderBy(c => c.Evaluation.MedianRuntime ?? TimeSpan.MaxValue).ThenBy(c => c.BranchIndex)];
        var ordered = new List<CodeCandidateResult>();
        int start = 0;
        while (start < passing.Count)
        {
            double limit = (passing[start].Evaluation.MedianRuntime ?? TimeSpan.Zero).TotalMilliseconds * (1 + runtimeTolerance);
            int end = start;
            while (end < passing.Count && (passing[end].Evaluation.MedianRuntime ?? TimeSpan.Zero).TotalMilliseconds <= limit)
            {
                end++;
            }

            ordered.AddRange(passing.GetRange(start, end - start)
                .OrderByDescending(c => c.ReviewScore ?? double.NegativeInfinity)
                .ThenBy(c => c.Evaluation.MedianRuntime)
                .ThenBy(c => c.BranchIndex));
            start = end;
        }

        ordered.AddRange(all.Where(c => !c.Evaluation.Passed).OrderBy(c => c.BranchIndex));
        return [.. ordered.Select((c, i) => c with { Rank = i + 1 })];
    }
}
