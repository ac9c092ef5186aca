using Chorus.Tests.Aggregation;
using Microsoft.Extensions.AI;
using Chorus.Voting;

namespace Chorus.Tests.Voting;

public sealed class VoteAggregatorTests : AnswerAggregatorContractTests<VoteResult>
{
    protected override IAggregator<VoteResult> CreateAggregator() => Aggregators.Vote();

    protected override string ResultText(VoteResult value) => value.Answer;

    private static VoteAggregatorOptions Until(IStoppingRule rule, MajorityTieRule tie = MajorityTieRule.FirstToReach) =>
        new() { StoppingRule = rule, TieRule = tie };

    private static BranchOutcome Cancelled(int index, long inputTokens) => new()
    {
        Index = index,
        Label = TestOutcomes.Label(index),
        Status = BranchStatus.Cancelled,
        Error = new OperationCanceledException("stopped"),
        Usage = new UsageDetails { InputTokenCount = inputTokens, OutputTokenCount = 2 },
    };

    [Fact]
    public async Task Add_AdaptiveRuleFires_ReturnsTrueOnTheFourthAgreeingSampleAndReportsWhatWasLeft()
    {
        IAggregation<VoteResult> vote = Aggregators.Vote(Until(StoppingRules.Adaptive(0.95))).Begin(8);
        List<bool> settled = vote.AddAll(
            TestOutcomes.Ok(0, "The answer is 42."),
            TestOutcomes.Ok(2, "so 40 + 2 = 42"),
            TestOutcomes.Ok(1, "#### 42"),
            TestOutcomes.Ok(3, @"\boxed{42}"));
        Assert.Equal([false, false, false, true], settled);

        var context = new AggregationContext(
        [
            TestOutcomes.Ok(0, "The answer is 42."), TestOutcomes.Ok(1, "#### 42"), TestOutcomes.Ok(2, "so 40 + 2 = 42"), TestOutcomes.Ok(3, @"\boxed{42}"),
            Cancelled(4, 7), Cancelled(5, 9), TestOutcomes.Failed(6, "not started", BranchStatus.Skipped), TestOutcomes.Failed(7, "not started", BranchStatus.Skipped),
        ]);
        AggregationResult<VoteResult> result = await vote.CompleteAsync(context);

        VoteResult value = result.Value;
        Assert.Equal("42", value.Answer);
        Assert.Equal("The answer is 42.", value.Response.Text);
        Assert.Equal(4, value.SamplesUsed);
        Assert.Equal(2, value.SamplesCancelled);
        Assert.Equal(2, value.SamplesSkipped);
        Assert.Equal(20, value.CancelledTokens);          // (7 + 2) + (9 + 2)
        Assert.Equal(0.96875, value.Confidence, 1e-12);
        Assert.Equal("adaptive-beta(0.95)", value.StoppedBy);
        Assert.Equal("vote", result.Decision.Strategy);
        Assert.Equal("\"42\" won 4 of 4 votes (confidence 0.969); adaptive-beta(0.95) stopped after 4 of 8 samples, 2 cancelled in flight (20 tokens)", result.Decision.Summary);
        Assert.Equal(
            [
                new DecisionEvidence("42", 4, "branches: b0,b1,b2,b3"),
                new DecisionEvidence("samples/used", 4, "of at most 8"),
                new DecisionEvidence("samples/cancelled", 2, "in flight when the vote stopped"),
                new DecisionEvidence("samples/skipped", 2, "never started"),
                new DecisionEvidence("tokens/cancelled", 20),
                new DecisionEvidence("confidence", 0.96875, "adaptive-beta(0.95)"),
                new DecisionEvidence("stopped_by/adaptive-beta(0.95)", 4, "stopped after 4 of 8 samples"),
            ],
            result.Decision.Evidence);
    }

    [Fact]
    public async Task Add_CannotBeOvertaken_SameWinnerAsTheFullVote()
    {
        string[] answers = ["7", "8", "7", "7", "8", "8"];
        IAggregation<VoteResult> vote = Aggregators.Vote(Until(StoppingRules.CannotBeOvertaken())).Begin(answers.Length);
        List<bool> settled = vote.AddAll([.. answers.Take(4).Select((a, i) => TestOutcomes.Ok(i, a))]);
        Assert.Equal([false, false, false, false], settled);   // 7 leads 3-1 with 2 left: a 3-3 tie is still possible
        Assert.True(vote.Add(TestOutcomes.Ok(4, "9")));        // 3-1 with 1 left
        AggregationResult<VoteResult> result = await vote.CompleteAsync(new AggregationContext([.. answers.Select((a, i) => TestOutcomes.Ok(i, a))]));
        Assert.Equal("7", result.Value.Answer);
        Assert.Contains(new DecisionEvidence("samples/late", 1, "finished after the vote stopped; not counted"), result.Decision.Evidence);
    }

    [Fact]
    public async Task CompleteAsync_TieFirstToReach_AnswerThatReachedTheTiedCountFirstWins()
    {
        AggregationResult<VoteResult> result = await Aggregators.Vote(Until(StoppingRules.Fixed(99))).RunAsync(
            TestOutcomes.Ok(0, "a"), TestOutcomes.Ok(3, "b"), TestOutcomes.Ok(2, "b"), TestOutcomes.Ok(1, "a"));
        Assert.Equal("b", result.Value.Answer);
        Assert.Equal(0.0, result.Value.Margin);
        Assert.EndsWith("(tie broken by FirstToReach)", result.Decision.Summary);
    }

    [Fact]
    public async Task CompleteAsync_TieLowestBranchIndex_FirstSeenInBranchOrderWins()
    {
        AggregationResult<VoteResult> result = await Aggregators.Vote(Until(StoppingRules.Fixed(99), MajorityTieRule.LowestBranchIndex)).RunAsync(
            TestOutcomes.Ok(0, "a"), TestOutcomes.Ok(3, "b"), TestOutcomes.Ok(2, "b"), TestOutcomes.Ok(1, "a"));
        Assert.Equal("a", result.Value.Answer);
    }

    [Fact]
    public async Task CompleteAsync_TieNoDecision_ThrowsNamingTheTiedAnswers()
    {
        AggregationException ex = await Assert.ThrowsAsync<AggregationException>(() => Aggregators.Vote(Until(StoppingRules.Fixed(99), MajorityTieRule.NoDecision)).RunAsync(
            TestOutcomes.Ok(0, "a"), TestOutcomes.Ok(1, "b")));
        Assert.Equal("The vote is tied: \"a\", \"b\" have 1 votes each and the tie rule is NoDecision.", ex.Message);
    }

    [Fact]
    public async Task CompleteAsync_AllAbstain_ThrowsCountingEachKind()
    {
        IAggregation<VoteResult> vote = Aggregators.Vote().Begin(4);
        Assert.Equal([false, false, false, false], vote.AddAll(
            TestOutcomes.Failed(0, "quota"), TestOutcomes.Failed(1, "slow", BranchStatus.TimedOut), TestOutcomes.Ok(2, "  "),
            TestOutcomes.Ok(3, "I would rather not say anything about this question, since it is hard, long and also rather unclear to me.")));
        AggregationException ex = await Assert.ThrowsAsync<AggregationException>(() => vote.CompleteAsync(new AggregationContext([])));
        Assert.Equal("No branch produced an answer: 1 failed, 1 timed out, 2 had no extractable answer.", ex.Message);
    }

    [Fact]
    public async Task CompleteAsync_AbstentionsAreCountedAndShown()
    {
        AggregationResult<VoteResult> result = await Aggregators.Vote(Until(StoppingRules.Fixed(99))).RunAsync(
            TestOutcomes.Ok(0, "5"), TestOutcomes.Failed(1), TestOutcomes.Ok(2, ""), TestOutcomes.Ok(3, "5"));
        Assert.Equal(2, result.Value.Abstentions);
        Assert.Equal(4, result.Value.SamplesUsed);
        Assert.Contains(new DecisionEvidence("abstained/failed", 1, "branches: b1"), result.Decision.Evidence);
        Assert.Contains(new DecisionEvidence("abstained/no answer", 1, "branches: b2"), result.Decision.Evidence);
        Assert.Equal([null, null], result.Value.Ballots.Where(b => b.Index is 1 or 2).Select(b => b.Key));
    }

    [Fact]
    public async Task CompleteAsync_WeightedPerModel_HeavierMinorityWins()
    {
        var options = Until(StoppingRules.Fixed(99));
        options.Weight = VoteWeights.PerModel(new Dictionary<string, double> { ["big"] = 3 }, otherwise: 1);
        static BranchOutcome By(int i, string text, string model) => TestOutcomes.Ok(i, text) with { Model = model };

        AggregationResult<VoteResult> result = await Aggregators.Vote(options).RunAsync(By(0, "4", "small"), By(1, "4", "small"), By(2, "5", "big"));

        Assert.Equal("5", result.Value.Answer);
        Assert.Equal(1, result.Value.Votes);
        Assert.Equal(3, result.Value.Weight);
        Assert.Equal(0.6, result.Value.Share, 1e-12);
        Assert.Equal(0.2, result.Value.Margin, 1e-12);
        Assert.StartsWith("\"5\" won 3 of 5 votes", result.Decision.Summary);
        Assert.Equal(["small", "small", "big"], result.Value.Ballots.Select(b => b.Voter));
    }

    [Fact]
    public async Task CompleteAsync_WeightFromLogprobs_UsesTheConfidenceSignalOrFallback()
    {
        var options = Until(StoppingRules.Fixed(99));
        options.Weight = VoteWeights.FromLogprobs(otherwise: 0.1);
        static BranchOutcome WithLogprob(int i, string text, double? logprob)
        {
            BranchOutcome outcome = TestOutcomes.Ok(i, text);
            if (logprob is { } lp)
            {
                outcome.Response!.AdditionalProperties = new() { [VoteWeights.MeanLogprobKey] = lp };
            }

            return outcome;
        }

        AggregationResult<VoteResult> result = await Aggregators.Vote(options).RunAsync(
            WithLogprob(0, "a", Math.Log(0.9)), WithLogprob(1, "b", Math.Log(0.5)), WithLogprob(2, "b", null), WithLogprob(3, "b", Math.Log(0.2)));

        Assert.Equal("a", result.Value.Answer);                      // 0.9 against 0.5 + 0.1 + 0.2
        Assert.Equal([0.9, 0.5, 0.1, 0.2], result.Value.Ballots.Select(b => Math.Round(b.Weight, 12)));
    }

    [Fact]
    public async Task CompleteAsync_ZeroWeight_Abstains()
    {
        var options = Until(StoppingRules.Fixed(99));
        options.Weight = o => o.Index == 0 ? 0 : 1;
        AggregationResult<VoteResult> result = await Aggregators.Vote(options).RunAsync(TestOutcomes.Ok(0, "a"), TestOutcomes.Ok(1, "b"));
        Assert.Equal("b", result.Value.Answer);
        Assert.Contains(new DecisionEvidence("abstained/zero weight", 1, "branches: b0"), result.Decision.Evidence);
    }

    [Fact]
    public async Task CompleteAsync_Clusterer_GroupsMeaningsAsASecondStageAndShowsClusters()
    {
        var judge = new ScriptedChatClient("{\"groups\": [[2, 3], [1]]}");
        var options = Until(StoppingRules.Fixed(99));
        options.AnswerExtractor = AnswerExtractors.WholeText;
        options.Clusterer = judge;
        var stages = new TestStageRunner();
        BranchOutcome[] outcomes =
        [
            TestOutcomes.Ok(0, "NYC"), TestOutcomes.Ok(1, "Boston"), TestOutcomes.Ok(2, "Boston"), TestOutcomes.Ok(3, "New York City"), TestOutcomes.Ok(4, "nyc"),
        ];
        IAggregation<VoteResult> vote = Aggregators.Vote(options).Begin(5);
        vote.AddAll(outcomes);

        AggregationResult<VoteResult> result = await vote.CompleteAsync(stages.Context(outcomes));

        Assert.Equal("cluster", Assert.Single(stages.Stages).Stage);
        string prompt = Assert.Single(stages.AllBranches).Messages[0].Text;
        Assert.Contains("1. Boston\n2. NYC\n3. New York City\n", prompt);     // ranked: boston reached 2 votes before nyc did
        Assert.Equal("NYC", result.Value.Answer);                               // nyc + new york city = 3 against boston's 2
        Assert.Equal(3, result.Value.Votes);
        Assert.Equal(2, result.Value.Clusters.Count);
        Assert.Equal(["nyc", "new york city"], result.Value.Clusters[0].Members);
        Assert.Equal(new DecisionEvidence("cluster/nyc", 3, "members: nyc | new york city; branches: b0,b3,b4"), result.Decision.Evidence[0]);
        Assert.Equal(new DecisionEvidence("cluster/boston", 2, "branches: b1,b2"), result.Decision.Evidence[1]);
    }

    [Fact]
    public async Task CompleteAsync_ClustererReplyUnreadable_CountsAsNormalizedAndSaysWhy()
    {
        var options = Until(StoppingRules.Fixed(99));
        options.Clusterer = new ScriptedChatClient("I cannot decide");
        var stages = new TestStageRunner();
        BranchOutcome[] outcomes = [TestOutcomes.Ok(0, "a"), TestOutcomes.Ok(1, "b"), TestOutcomes.Ok(2, "a")];
        IAggregation<VoteResult> vote = Aggregators.Vote(options).Begin(3);
        vote.AddAll(outcomes);

        AggregationResult<VoteResult> result = await vote.CompleteAsync(stages.Context(outcomes));

        Assert.Equal("a", result.Value.Answer);
        Assert.Empty(result.Value.Clusters);
        Assert.Contains(result.Decision.Evidence, e => e.Key == "clustering/failed" && e.Detail!.StartsWith("the clusterer's reply could not be read", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FixedN_SmallRecordedDataset_ReproducesTheHandComputedMajorityFigure()
    {
        // Four questions, five recorded samples each; majority (first-seen wins ties) is right on q1, q2 and q4: 75 %.
        (string Gold, string[] Samples)[] dataset =
        [
            ("18", ["The answer is 18.", "#### 18", "so 20 - 2 = 18", "The answer is 16.", "The answer is 18 eggs."]),
            ("yajo", ["The answer is yajo.", "The answer is yaj.", "The answer is yajo.", "the answer is YAJO", "The answer is yjo."]),
            ("5", ["The answer is 4.", "The answer is 4.", "The answer is 5.", "The answer is 5.", "The answer is 6."]),
            ("1200", ["The answer is $1,200.", "1200", "It costs 1,200.00 dollars", "The answer is 12", "1.2e3"]),
        ];
        int correct = 0;
        foreach ((string gold, string[] samples) in dataset)
        {
            AggregationResult<VoteResult> result = await Aggregators.Vote(Until(StoppingRules.Fixed(samples.Length), MajorityTieRule.LowestBranchIndex))
                .RunAsync([.. samples.Select((s, i) => TestOutcomes.Ok(i, s))]);
            correct += result.Value.NormalizedAnswer == AnswerNormalizers.Default(gold) ? 1 : 0;
        }

        Assert.Equal(75.0, 100.0 * correct / dataset.Length);
    }
}
