





namespace Chorus.Simulator.Tests;

public sealed class AnswerModeTests
{
    [Theory]
    [InlineData("What is 17 * 23?", "391")]
    [InlineData("What is (2 + 3) * 4?", "20")]
    [InlineData("Compute 10 - 2 - 3.", "5")]
    [InlineData("What is 7 / 2?", "3.5")]
    [InlineData("What is -5 + 3?", "-2")]
    [InlineData("What is 6 × 7?", "42")]
    [InlineData("Please tell me: what is 100 ÷ 4 ?", "25")]
    [InlineData("Score from 1-10 (reply <1-10>).\nTask: What is 12 * 12? Explain briefly.", "144")]
    public void KnownAnswer_ArithmeticQuestion_IsComputed(string prompt, string expected) =>
        Assert.Equal(expected, KnownAnswer.Find(prompt));

    [Theory]
    [InlineData("What is 42?")]
    [InlineData("What is 2 / 0?")]
    [InlineData("Tell me a story.")]
    public void KnownAnswer_NoComputableQuestion_IsNull(string prompt) => Assert.Null(KnownAnswer.Find(prompt));

    [Fact]
    public void KnownAnswer_ExpectedHint_OverridesArithmetic() =>
        Assert.Equal("yajo", KnownAnswer.Find("What is 1 + 1? [expected: yajo]"));

    [Theory]
    [InlineData("So the answer is 391.", "391", true)]
    [InlineData("The Answer Is 391", "391", true)]
    [InlineData("the answer is 3912.", "391", false)]
    [InlineData("the answer is 391.5", "391", false)]
    [InlineData("it is 391", "391", false)]
    public void KnownAnswer_States_MatchesWholeAnswerOnly(string text, string answer, bool expected) =>
        Assert.Equal(expected, KnownAnswer.States(text, answer));

    [Theory]
    [InlineData("391", "392", "319", "390")]
    [InlineData("5", "6", "4", "15")]
    [InlineData("-12", "-11", "-21", "-13")]
    [InlineData("3.5", "4.5", "2.5", "35")]
    [InlineData("yajo", "yaoj", "yaj", "yajos")]
    public void GetDistractors_AreFixedAndDistinct(string correct, string first, string second, string third) =>
        Assert.Equal([first, second, third], SimulatedAccuracy.GetDistractors(correct));

    [Theory]
    [InlineData(1.0, "The answer is 391.")]
    [InlineData(0.0, "The answer is 392.")]
    public void Plan_AccuracyExtremes_GiveCorrectOrMostLikelyDistractor(double accuracy, string expectedEnd)
    {
        SimulatedModel model = EngineHarness.Create(o => o.Accuracy = accuracy);

        // With accuracy 0 every answer is a distractor; the most likely one (half the wrong mass) shows up among a few draws.
        string[] answers = [.. Enumerable.Range(0, 20).Select(_ => model.Ask("What is 17 * 23?"))];

        Assert.Contains(answers, a => a.EndsWith(expectedEnd, StringComparison.Ordinal));
        Assert.All(answers, a => Assert.Contains("\nThe answer is ", a, StringComparison.Ordinal));
        if (accuracy == 1)
        {
            Assert.All(answers, a => Assert.EndsWith(expectedEnd, a, StringComparison.Ordinal));
        }
        else
        {
            Assert.DoesNotContain(answers, a => a.EndsWith("The answer is 391.", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Plan_SingleAnswers_FollowAccuracyAndDistractorShares()
    {
        const int Draws = 20_000;
        const double P = 0.6;
        SimulatedModel model = EngineHarness.Create(o => o.Accuracy = P);
        var counts = new Dictionary<string, int>();
        foreach (SimulatedChoice choice in Enumerable.Range(0, Draws / 100).SelectMany(_ => model.Plan(EngineHarness.Request("What is 17 * 23?", n: 100)).Choices))
        {
            string answer = choice.Text[(choice.Text.LastIndexOf(' ') + 1)..].TrimEnd('.');
            counts[answer] = counts.GetValueOrDefault(answer) + 1;
        }

        // Each frequency is binomial: 4 standard deviations of a proportion over 20,000 draws is at most 4 × 0.5 / √20000 ≈ 0.014.
        double tolerance = 4 * Math.Sqrt(0.25 / Draws);
        Assert.Equal(["319", "390", "391", "392"], counts.Keys.Order());
        Assert.Equal(P, counts["391"] / (double)Draws, tolerance);
        Assert.Equal((1 - P) * 0.5, counts["392"] / (double)Draws, tolerance);
        Assert.Equal((1 - P) * 0.3, counts["319"] / (double)Draws, tolerance);
        Assert.Equal((1 - P) * 0.2, counts["390"] / (double)Draws, tolerance);
    }

    [Theory]
    [InlineData(0.6, 5)]
    [InlineData(0.4, 7)]
    [InlineData(0.3, 9)]
    public void Majority_MatchesSimulatedVotes(double accuracy, int votes)
    {
        const int Rounds = 4000;
        SimulatedModel model = EngineHarness.Create(o => o.Accuracy = accuracy);
        double credit = 0;
        for (int round = 0; round < Rounds; round++)
        {
            // One request with n = votes gives that many independent answers.
            var tally = model.Plan(EngineHarness.Request("What is 17 * 23?", n: votes)).Choices
                .GroupBy(c => c.Text[(c.Text.LastIndexOf(' ') + 1)..])
                .Select(g => (Answer: g.Key, Count: g.Count()))
                .ToList();
            int best = tally.Max(t => t.Count);
            List<string> leaders = [.. tally.Where(t => t.Count == best).Select(t => t.Answer)];
            credit += leaders.Contains("391.") ? 1.0 / leaders.Count : 0;
        }

        double exact = SimulatedAccuracy.Majority(votes, accuracy);

        // The simulated rate averages 4000 rounds of a quantity in [0, 1]: its standard error is at most 0.5 / √4000 ≈ 0.008,
        // so 4 standard errors (0.032) makes a false failure of the (seeded, hence fixed) draw implausible.
        Assert.Equal(exact, credit / Rounds, 4 * 0.5 / Math.Sqrt(Rounds));
    }

    [Fact]
    public void Majority_KnownValues()
    {
        Assert.Equal(0.6, SimulatedAccuracy.Majority(1, 0.6), 12);

        // One distractor: a plain binomial majority; p³ + 3p²(1 − p).
        Assert.Equal((0.6 * 0.6 * 0.6) + (3 * 0.6 * 0.6 * 0.4), SimulatedAccuracy.Majority(3, 0.6, [1.0]), 12);

        // Two votes, one distractor, p = 0.5: both right 0.25, a 1–1 tie 0.5.
        Assert.Equal(0.25, SimulatedAccuracy.Majority(2, 0.5, [1.0], MajorityTieRule.Lose), 12);
        Assert.Equal(0.5, SimulatedAccuracy.Majority(2, 0.5, [1.0], MajorityTieRule.Split), 12);
        Assert.Equal(1.0, SimulatedAccuracy.Majority(9, 1.0), 12);
        Assert.Equal(0.0, SimulatedAccuracy.Majority(9, 0.0), 12);

        // Spreading the wrong mass over three distractors makes plurality voting beat the single-answer accuracy even below 0.5.
        Assert.True(SimulatedAccuracy.Majority(9, 0.4) > 0.4);
    }

    [Fact]
    public void Majority_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SimulatedAccuracy.Majority(0, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => SimulatedAccuracy.Majority(3, 1.5));
        Assert.Throws<ArgumentException>(() => SimulatedAccuracy.Majority(3, 0.5, [0.5, 0.4]));
    }
}
