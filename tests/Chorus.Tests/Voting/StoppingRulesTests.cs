using Chorus.Voting;

namespace Chorus.Tests.Voting;

public class StoppingRulesTests
{
    private static VoteSnapshot Snapshot(int maxSamples, params string?[] history)
    {
        List<AnswerCount> answers = [.. history.Where(h => h is not null)
            .GroupBy(h => h!)
            .Select(g => new AnswerCount(g.Key, g.Count(), g.Count()))
            .OrderByDescending(a => a.Weight)];
        return new VoteSnapshot(history.Length, maxSamples, answers, history, 1);
    }

    private static VoteSnapshot Counts(int maxSamples, params int[] votes)
    {
        List<AnswerCount> answers = [.. votes.Select((v, i) => new AnswerCount("a" + i, v, v))];
        return new VoteSnapshot(votes.Sum(), maxSamples, answers, [], 1);
    }

    [Theory]
    [InlineData(0.3, 2, 3, 0.3483)]      // Σ_{j=2..4} C(4,j) 0.3^j 0.7^(4-j)
    [InlineData(0.5, 5, 1, 0.03125)]     // 0.5^5
    [InlineData(0.5, 6, 2, 0.0625)]      // P(Bin(7, ½) ≥ 6) = 8/128
    [InlineData(0.5, 7, 2, 0.03515625)]  // P(Bin(8, ½) ≥ 7) = 9/256
    [InlineData(0.5, 2.7, 2.7, 0.5)]     // symmetric, real-valued parameters
    [InlineData(0.5, 40, 3, 2.055458e-10)] // (C(42,40) + 42 + 1) / 2^42: the far tail stays accurate
    public void RegularizedIncompleteBeta_HandComputedValues_Match(double x, double a, double b, double expected)
    {
        double actual = BetaMath.RegularizedIncompleteBeta(x, a, b);
        Assert.Equal(expected, actual, expected * 1e-3);
    }

    [Theory]
    [InlineData(new[] { 3 }, false, 0.9375)]          // Beta(4, 1): 1 − 1/16
    [InlineData(new[] { 4 }, true, 0.96875)]          // Beta(5, 1): 1 − 1/32; unanimous 4 stops at 0.95
    [InlineData(new[] { 5, 1 }, false, 0.9375)]       // Beta(6, 2)
    [InlineData(new[] { 6, 1 }, true, 0.96484375)]    // Beta(7, 2)
    [InlineData(new[] { 6, 1, 1 }, true, 0.96484375)] // Beta ignores the third answer
    [InlineData(new[] { 2, 2 }, false, 0.5)]
    public void Adaptive_Beta_HandComputedCases(int[] votes, bool stop, double confidence)
    {
        StoppingCheck check = StoppingRules.Adaptive(0.95).Check(Counts(40, votes));
        Assert.Equal(stop, check.Stop);
        Assert.Equal(confidence, check.Confidence, 1e-9);
    }

    [Theory]
    [InlineData(new[] { 4 }, true, 0.96875)]
    [InlineData(new[] { 6, 1 }, true, 0.96484375)]
    [InlineData(new[] { 6, 1, 1 }, false, 0.9296875)]  // 1 − 2 × 9/256: every rival counts
    public void Adaptive_Dirichlet_HandComputedCases(int[] votes, bool stop, double confidence)
    {
        StoppingCheck check = StoppingRules.Adaptive(0.95, AdaptiveModel.Dirichlet).Check(Counts(40, votes));
        Assert.Equal(stop, check.Stop);
        Assert.Equal(confidence, check.Confidence, 1e-9);
    }

    [Fact]
    public void Adaptive_NoVotes_DoesNotStop()
    {
        Assert.Equal(new StoppingCheck(false, 0), StoppingRules.Adaptive().Check(Snapshot(10, null, null)));
    }

    [Theory]
    [InlineData(10, new[] { 5, 1 }, false)]   // lead 4, 4 left: could tie
    [InlineData(10, new[] { 6, 1 }, true)]    // lead 5, 3 left
    [InlineData(5, new[] { 3 }, true)]        // lead 3, 2 left
    [InlineData(4, new[] { 2, 2 }, false)]    // tied with nothing left: the rule never fires on a tie
    public void CannotBeOvertaken_HandComputedCases(int max, int[] votes, bool stop)
    {
        StoppingCheck check = StoppingRules.CannotBeOvertaken().Check(Counts(max, votes));
        Assert.Equal(stop, check.Stop);
        Assert.Equal((double)votes[0] / votes.Sum(), check.Confidence, 1e-12);
    }

    [Fact]
    public void CannotBeOvertaken_Weighted_AssumesHeaviestVoteSoFarForSamplesToCome()
    {
        var answers = new List<AnswerCount> { new("a", 2, 6), new("b", 1, 1) };
        Assert.False(StoppingRules.CannotBeOvertaken().Check(new VoteSnapshot(3, 5, answers, [], 3)).Stop);   // lead 5 ≤ 2 × 3
        Assert.True(StoppingRules.CannotBeOvertaken().Check(new VoteSnapshot(3, 4, answers, [], 3)).Stop);    // lead 5 > 1 × 3
    }

    [Fact]
    public void Window_ConsecutiveWindows_StopsOnlyAtAWindowBoundary()
    {
        IStoppingRule rule = StoppingRules.Window(5);
        string?[] history = ["b", "a", "a", "a", "a", "a", "a", "a", "a", "a"];
        List<int> stops = [.. Enumerable.Range(1, history.Length).Where(n => rule.Check(Snapshot(40, history[..n])).Stop)];
        Assert.Equal([10], stops);
        Assert.Equal("window(5)", rule.Name);
    }

    [Fact]
    public void Window_Sliding_StopsAsSoonAsTheLatestSamplesAgree()
    {
        IStoppingRule rule = StoppingRules.Window(5, sliding: true);
        string?[] history = ["b", "a", "a", "a", "a", "a"];
        List<int> stops = [.. Enumerable.Range(1, history.Length).Where(n => rule.Check(Snapshot(40, history[..n])).Stop)];
        Assert.Equal([6], stops);
        Assert.Equal("sliding-window(5)", rule.Name);
    }

    [Fact]
    public void Window_AbstentionInWindow_BreaksAgreement()
    {
        Assert.False(StoppingRules.Window(3).Check(Snapshot(40, "a", null, "a")).Stop);
        Assert.True(StoppingRules.Window(3).Check(Snapshot(40, "a", "a", "a")).Stop);
    }

    [Fact]
    public void Fixed_StopsAtN()
    {
        IStoppingRule rule = StoppingRules.Fixed(3);
        Assert.False(rule.Check(Snapshot(10, "a", "b")).Stop);
        Assert.Equal(new StoppingCheck(true, 2.0 / 3), rule.Check(Snapshot(10, "a", "b", "a")));
        Assert.Equal("fixed(3)", rule.Name);
    }

    [Fact]
    public void Any_FiresWhenOneFires_WithThatRulesConfidence()
    {
        IStoppingRule rule = StoppingRules.Any(StoppingRules.Adaptive(0.95), StoppingRules.Fixed(3));
        Assert.Equal("any(adaptive-beta(0.95), fixed(3))", rule.Name);
        StoppingCheck check = rule.Check(Snapshot(10, "a", "b", "a"));
        Assert.True(check.Stop);
        Assert.Equal(2.0 / 3, check.Confidence, 1e-12);
        Assert.Equal(0.75, rule.Check(Snapshot(10, "a")).Confidence, 1e-12);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Adaptive_ThresholdOutOfRange_ThrowsWithMessage(double threshold)
    {
        ArgumentOutOfRangeException ex = Assert.Throws<ArgumentOutOfRangeException>(() => StoppingRules.Adaptive(threshold));
        Assert.StartsWith($"The threshold must be between 0.5 and 1 (exclusive), was {threshold}.", ex.Message);
    }

    [Fact]
    public void Factories_BadArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StoppingRules.Fixed(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => StoppingRules.Window(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => StoppingRules.Adaptive(0.9, (AdaptiveModel)7));
        Assert.Throws<ArgumentException>(() => StoppingRules.Any());
        Assert.Equal("adaptive-dirichlet(0.9)", StoppingRules.Adaptive(0.9, AdaptiveModel.Dirichlet).Name);
    }
}
