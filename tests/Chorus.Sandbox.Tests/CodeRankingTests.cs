using Chorus.Aggregation;

namespace Chorus.Sandbox.Tests;

public class CodeRankingTests
{
    [Fact]
    public void Rank_PassingFirstThenFasterThenIndex()
    {
        CodeCandidateResult[] candidates =
        [
            Candidate("wrong", 0, SandboxStatus.TestsFailed),
            Candidate("slow", 1, SandboxStatus.Passed, 300),
            Candidate("loop", 2, SandboxStatus.TimedOut),
            Candidate("fast", 3, SandboxStatus.Passed, 20),
            Candidate("fast-too", 4, SandboxStatus.Passed, 20),
        ];

        IReadOnlyList<CodeCandidateResult> ranked = CodeRanking.Rank(candidates, runtimeTolerance: 0);

        Assert.Equal(["fast", "fast-too", "slow", "wrong", "loop"], ranked.Select(c => c.Label));
        Assert.Equal([1, 2, 3, 4, 5], ranked.Select(c => c.Rank));
    }

    [Fact]
    public void Rank_RuntimesWithinTolerance_ReviewDecides()
    {
        CodeCandidateResult[] candidates =
        [
            Candidate("a", 0, SandboxStatus.Passed, 100, review: 4),
            Candidate("b", 1, SandboxStatus.Passed, 105, review: 9),
            Candidate("c", 2, SandboxStatus.Passed, 109, review: null),
            Candidate("d", 3, SandboxStatus.Passed, 200, review: 10),
        ];

        IReadOnlyList<CodeCandidateResult> ranked = CodeRanking.Rank(candidates, runtimeTolerance: 0.1);

        // a, b and c are within 10 % of 100 ms, so the review orders them (unreviewed last); d is slower, whatever its review.
        Assert.Equal(["b", "a", "c", "d"], ranked.Select(c => c.Label));
    }

    [Fact]
    public void Rank_NegativeTolerance_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => CodeRanking.Rank([], -0.5));
        Assert.StartsWith("runtimeTolerance must be a non-negative number, was -0.5.", ex.Message);
    }

    private static CodeCandidateResult Candidate(string label, int index, SandboxStatus status, double? ms = null, double? review = null) =>
        new(label, index, "code", new CodeEvaluation(status, [], ms is { } m ? TimeSpan.FromMilliseconds(m) : null, status.ToString(), true), review, review is null ? null : "r", 0);
}
