using Chorus.Voting;

namespace Chorus.Tests.Voting;

public sealed class MajorityVoteAggregatorTests : AnswerAggregatorContractTests<VoteResult>
{
    protected override IAggregator<VoteResult> CreateAggregator() => Aggregators.Majority();

    protected override string ResultText(VoteResult value) => value.Answer;

    [Fact]
    public async Task CompleteAsync_ClearWinner_ReportsCountsShareMarginAndEvidence()
    {
        AggregationResult<VoteResult> result = await Aggregators.Majority(new() { SettleWhenDecided = false }).RunAsync(
            TestOutcomes.Ok(0, "I think the answer is 391."),
            TestOutcomes.Ok(1, "391"),
            TestOutcomes.Ok(2, "It is 390"),
            TestOutcomes.Failed(3, "quota"),
            TestOutcomes.Ok(4, "   "),
            TestOutcomes.Ok(5, "so 3 + 388 = 391"));

        VoteResult vote = result.Value;
        Assert.Equal("391", vote.Answer);
        Assert.Equal("391", vote.NormalizedAnswer);
        Assert.Equal("I think the answer is 391.", vote.Response.Text);
        Assert.Equal(3, vote.Votes);
        Assert.Equal(4, vote.ValidVotes);
        Assert.Equal(2, vote.Abstentions);
        Assert.Equal(0.75, vote.Share);
        Assert.Equal(0.5, vote.Margin);
        Assert.Equal("majority", result.Decision.Strategy);
        Assert.Equal("\"391\" won 3 of 4 votes (confidence 0.75); 2 abstained", result.Decision.Summary);
        Assert.Equal("391", result.Decision.Winner);
        Assert.Equal(0.75, result.Decision.Confidence);
        Assert.Equal(
            [
                new DecisionEvidence("391", 3, "branches: b0,b1,b5"),
                new DecisionEvidence("390", 1, "branches: b2"),
                new DecisionEvidence("abstained/failed", 1, "branches: b3"),
                new DecisionEvidence("abstained/no answer", 1, "branches: b4"),
                new DecisionEvidence("samples/used", 6, "of at most 6"),
                new DecisionEvidence("samples/cancelled", 0, "in flight when the vote stopped"),
                new DecisionEvidence("samples/skipped", 0, "never started"),
                new DecisionEvidence("tokens/cancelled", 0, null),
                new DecisionEvidence("confidence", 0.75, "all"),
            ],
            result.Decision.Evidence);
    }

    [Fact]
    public async Task CompleteAsync_WinnerArrivesLowIndexLast_ResponseIsLowestIndexVoter()
    {
        AggregationResult<VoteResult> result = await Aggregators.Majority().RunAsync(
            TestOutcomes.Ok(2, "Paris!"),
            TestOutcomes.Ok(1, "paris"),
            TestOutcomes.Ok(0, "  PARIS  "));

        Assert.Equal("PARIS", result.Value.Answer);
        Assert.Equal("paris", result.Value.NormalizedAnswer);
        Assert.Equal("  PARIS  ", result.Value.Response.Text);
        Assert.Equal(1.0, result.Value.Margin);
    }

    [Fact]
    public async Task CompleteAsync_TieFirstToReach_AnswerThatReachedTiedCountFirstWins()
    {
        // b arrives at 2 votes (4th outcome) before a reaches 2 (5th), although a has the lower branch indices.
        var options = new MajorityVoteOptions { TieRule = MajorityTieRule.FirstToReach, SettleWhenDecided = false };

        AggregationResult<VoteResult> result = await Aggregators.Majority(options).RunAsync(
            TestOutcomes.Ok(0, "a"),
            TestOutcomes.Ok(3, "b"),
            TestOutcomes.Failed(4),
            TestOutcomes.Ok(2, "b"),
            TestOutcomes.Ok(1, "a"));

        Assert.Equal("b", result.Value.Answer);
        Assert.Equal(2, result.Value.Votes);
        Assert.Equal(0.0, result.Value.Margin);
        Assert.Equal(0.5, result.Value.Share);
        Assert.Equal("\"b\" won 2 of 4 votes (confidence 0.5) (tie broken by FirstToReach); 1 abstained", result.Decision.Summary);
    }

    [Fact]
    public async Task CompleteAsync_TieLowestBranchIndex_AnswerOfLowestIndexWins()
    {
        var options = new MajorityVoteOptions { TieRule = MajorityTieRule.LowestBranchIndex, SettleWhenDecided = false };

        AggregationResult<VoteResult> result = await Aggregators.Majority(options).RunAsync(
            TestOutcomes.Ok(3, "b"),
            TestOutcomes.Ok(2, "b"),
            TestOutcomes.Ok(1, "a"),
            TestOutcomes.Ok(0, "a"));

        Assert.Equal("a", result.Value.Answer);
        Assert.Equal("\"a\" won 2 of 4 votes (confidence 0.5) (tie broken by LowestBranchIndex)", result.Decision.Summary);
    }

    [Fact]
    public async Task CompleteAsync_TieNoDecision_ThrowsAggregationException()
    {
        var options = new MajorityVoteOptions { TieRule = MajorityTieRule.NoDecision };

        var ex = await Assert.ThrowsAsync<AggregationException>(() => Aggregators.Majority(options).RunAsync(
            TestOutcomes.Ok(0, "b"),
            TestOutcomes.Ok(1, "a"),
            TestOutcomes.Ok(2, "c")));

        Assert.Equal("The vote is tied: \"b\", \"a\", \"c\" have 1 votes each and the tie rule is NoDecision.", ex.Message);
    }

    [Fact]
    public async Task CompleteAsync_NoDecisionWithClearWinner_Decides()
    {
        var options = new MajorityVoteOptions { TieRule = MajorityTieRule.NoDecision };

        AggregationResult<VoteResult> result = await Aggregators.Majority(options).RunAsync(
            TestOutcomes.Ok(0, "b"), TestOutcomes.Ok(1, "a"), TestOutcomes.Ok(2, "a"));

        Assert.Equal("a", result.Value.Answer);
    }

    [Fact]
    public async Task CompleteAsync_AllAbstainMixed_MessageCountsEachKind()
    {
        BranchOutcome[] outcomes =
        [
            .. Enumerable.Range(0, 5).Select(i => TestOutcomes.Failed(i)),
            TestOutcomes.Ok(5, string.Empty),
            TestOutcomes.Ok(6, " \n "),
        ];

        var ex = await Assert.ThrowsAsync<AggregationException>(() => Aggregators.Majority().RunAsync(outcomes));

        Assert.Equal("No branch produced an answer: 5 failed, 2 had no extractable answer.", ex.Message);
    }

    [Fact]
    public async Task CompleteAsync_NoBranches_MessageSaysSo()
    {
        var ex = await Assert.ThrowsAsync<AggregationException>(() => Aggregators.Majority().Begin(0).CompleteAsync(new AggregationContext([])));

        Assert.Equal("No branch produced an answer: the run had no branches.", ex.Message);
    }

    [Fact]
    public async Task CompleteAsync_CustomExtractorAndNormalizer_AreUsed()
    {
        var options = new MajorityVoteOptions
        {
            AnswerExtractor = text => text.StartsWith("ANSWER:", StringComparison.Ordinal) ? text[7..] : null,
            Normalizer = answer => answer.Trim().ToUpperInvariant(),
        };

        AggregationResult<VoteResult> result = await Aggregators.Majority(options).RunAsync(
            TestOutcomes.Ok(0, "ANSWER: yes"),
            TestOutcomes.Ok(1, "the answer is no"),
            TestOutcomes.Ok(2, "ANSWER:Yes"));

        Assert.Equal("yes", result.Value.Answer);
        Assert.Equal("YES", result.Value.NormalizedAnswer);
        Assert.Equal(2, result.Value.Votes);
        Assert.Equal(1, result.Value.Abstentions);
    }

    [Fact]
    public void Add_LeaderOutOfReach_Settles()
    {
        IAggregation<VoteResult> aggregation = Aggregators.Majority().Begin(5);

        // 5 branches: after three votes for "7" the other two cannot catch up.
        Assert.Equal([false, false, false, true], aggregation.AddAll(
            TestOutcomes.Ok(0, "7"), TestOutcomes.Ok(1, "8"), TestOutcomes.Ok(2, "7"), TestOutcomes.Ok(3, "7")));
    }

    [Fact]
    public async Task CompleteAsync_AfterEarlySettle_ListsUncountedBranches()
    {
        // 4 branches, first-to-reach: "7" has 2 and "8" 1 with one branch left, so "8" could at best tie late.
        IAggregation<VoteResult> aggregation = Aggregators.Majority().Begin(4);
        BranchOutcome[] added = [TestOutcomes.Ok(0, "7"), TestOutcomes.Ok(2, "8"), TestOutcomes.Ok(3, "7")];
        Assert.Equal([false, false, true], aggregation.AddAll(added));

        AggregationResult<VoteResult> result = await aggregation.CompleteAsync(
            new AggregationContext([added[0], TestOutcomes.Failed(1, status: BranchStatus.Cancelled, label: "slow"), added[1], added[2]]));

        Assert.Equal(0, result.Value.Abstentions);
        Assert.Equal("\"7\" won 2 of 3 votes (confidence 0.667); cannot-be-overtaken stopped after 3 of 4 samples, 1 cancelled in flight (0 tokens)", result.Decision.Summary);
        Assert.Contains(new DecisionEvidence("samples/cancelled", 1, "in flight when the vote stopped"), result.Decision.Evidence);
        Assert.Equal(1, result.Value.SamplesCancelled);
    }

    [Fact]
    public void Add_SettleWhenDecidedOff_NeverSettles()
    {
        IAggregation<VoteResult> aggregation = Aggregators.Majority(new() { SettleWhenDecided = false }).Begin(3);

        Assert.Equal([false, false, false], aggregation.AddAll(TestOutcomes.Ok(0, "1"), TestOutcomes.Ok(1, "1"), TestOutcomes.Ok(2, "1")));
    }

    [Theory]
    [InlineData(MajorityTieRule.FirstToReach, true)]
    [InlineData(MajorityTieRule.LowestBranchIndex, true)]
    [InlineData(MajorityTieRule.NoDecision, false)]
    public void Add_LeaderCanOnlyBeTied_SettlesOnlyIfTieRuleKeepsLeader(MajorityTieRule rule, bool settles)
    {
        // 4 branches: "a" has 2, "b" has 1, one left: "b" can at best tie "a" at 2.
        IAggregation<VoteResult> aggregation = Aggregators.Majority(new() { TieRule = rule }).Begin(4);

        List<bool> settled = aggregation.AddAll(TestOutcomes.Ok(0, "a"), TestOutcomes.Ok(2, "b"), TestOutcomes.Ok(1, "a"));

        Assert.Equal([false, false, settles], settled);
    }

    [Fact]
    public void Add_LowestIndexTieStillPossibleFromLowerIndex_DoesNotSettle()
    {
        // "a" (indices 2,3) leads "b" (index 4) by one; branch 0 could still vote "b" and tie with a lower index.
        IAggregation<VoteResult> aggregation = Aggregators.Majority(new() { TieRule = MajorityTieRule.LowestBranchIndex }).Begin(5);

        List<bool> settled = aggregation.AddAll(TestOutcomes.Ok(2, "a"), TestOutcomes.Ok(3, "a"), TestOutcomes.Ok(4, "b"), TestOutcomes.Failed(1));

        Assert.Equal([false, false, false, false], settled);
    }

    [Fact]
    public void Add_AllBranchesInWithWinner_ReturnsTrue()
    {
        IAggregation<VoteResult> aggregation = Aggregators.Majority(new() { TieRule = MajorityTieRule.LowestBranchIndex }).Begin(2);

        Assert.Equal([false, true], aggregation.AddAll(TestOutcomes.Ok(1, "y"), TestOutcomes.Ok(0, "x")));
    }

    [Theory]
    [InlineData("The answer is 42.", "42")]
    [InlineData("the final answer is: Blue", "Blue")]
    [InlineData("First the answer is 1. Then the answer is 2!", "2")]
    [InlineData("The Answer Is  New York", "New York")]
    [InlineData("3 + 4 = 7", "7")]
    [InlineData("We get -12.5 degrees", "-12.5")]
    [InlineData("It costs 1,234,567 dollars", "1234567")]
    [InlineData("  Paris  ", "Paris")]
    [InlineData("", null)]
    [InlineData(" \n\t", null)]
    public void AnswerExtractor_Default_FindsAnswer(string text, string? expected)
    {
        Assert.Equal(expected, new MajorityVoteOptions().AnswerExtractor(text));
    }

    [Theory]
    [InlineData("  New   York  ", "new york")]
    [InlineData("Paris.", "paris")]
    [InlineData("yes!?", "yes")]
    [InlineData("a.b", "a.b")]
    [InlineData("ÉCOLE", "école")]
    [InlineData("...", "")]
    public void Normalizer_Default_NormalizesAnswer(string answer, string expected)
    {
        Assert.Equal(expected, new MajorityVoteOptions().Normalizer(answer));
    }

    [Fact]
    public void Normalizer_Default_CountsTheSameNumberWrittenDifferentlyAsOneVote()
    {
        var options = new MajorityVoteOptions();
        string Key(string text) => options.Normalizer(options.AnswerExtractor(text)!);

        Assert.Equal(Key("The answer is 1200."), Key("So the total is $1,200.00"));
    }

    [Fact]
    public void Options_Defaults_ArePinned()
    {
        var options = new MajorityVoteOptions();

        Assert.Equal(MajorityTieRule.FirstToReach, options.TieRule);
        Assert.True(options.SettleWhenDecided);
        Assert.Equal(AnswerExtractors.Auto, options.AnswerExtractor);     // one extraction mechanism, shared with Aggregators.Vote
        Assert.Equal(AnswerNormalizers.Default, options.Normalizer);
    }

    [Fact]
    public void Options_InvalidValues_Throw()
    {
        var options = new MajorityVoteOptions();

        Assert.Throws<ArgumentNullException>(() => options.AnswerExtractor = null!);
        Assert.Throws<ArgumentNullException>(() => options.Normalizer = null!);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => options.TieRule = (MajorityTieRule)42);
        Assert.StartsWith("TieRule must be a defined MajorityTieRule, was 42.", ex.Message, StringComparison.Ordinal);
    }
}
