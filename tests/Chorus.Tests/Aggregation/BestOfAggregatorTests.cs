using Microsoft.Extensions.AI;
using Chorus.Aggregation;

namespace Chorus.Tests.Aggregation;

public sealed class BestOfAggregatorTests : AnswerAggregatorContractTests<BestOfResult>
{
    protected override IAggregator<BestOfResult> CreateAggregator() => Aggregators.BestOf((_, _) => ValueTask.FromResult<double?>(1));

    protected override string ResultText(BestOfResult value) => value.Text;

    [Fact]
    public async Task CompleteAsync_HighestScore_Wins()
    {
        var seen = new List<string>();
        IAggregator<BestOfResult> bestOf = Aggregators.BestOf((outcome, _) =>
        {
            seen.Add(outcome.Label);
            return ValueTask.FromResult<double?>(outcome.Text!.Length);
        });

        AggregationResult<BestOfResult> result = await bestOf.RunAsync(
            TestOutcomes.Ok(2, "longest one"),
            TestOutcomes.Ok(0, "short"),
            TestOutcomes.Failed(1),
            TestOutcomes.Ok(3, "mid size"));

        Assert.Equal(["b0", "b2", "b3"], seen);
        Assert.Equal("b2", result.Value.Label);
        Assert.Equal("longest one", result.Value.Text);
        Assert.Equal(11, result.Value.Score);
        Assert.Equal("longest one", result.Value.Response.Text);
        Assert.Equal("best-of", result.Decision.Strategy);
        Assert.Equal("b2", result.Decision.Winner);
        Assert.Equal("b2 scored 11, best of 3 verified candidates", result.Decision.Summary);
        Assert.Equal(
            [
                new DecisionEvidence("b0", 5, "tokens: 15"),
                new DecisionEvidence("b2", 11, "tokens: 15"),
                new DecisionEvidence("b3", 8, "tokens: 15"),
                new DecisionEvidence("abstained/b1", 0, "failed: boom"),
            ],
            result.Decision.Evidence);
    }

    [Fact]
    public async Task CompleteAsync_TiedScores_FewerTotalTokensWins()
    {
        IAggregator<BestOfResult> bestOf = Aggregators.BestOf((_, _) => ValueTask.FromResult<double?>(0.9));

        AggregationResult<BestOfResult> result = await bestOf.RunAsync(
            TestOutcomes.Ok(0, "a", inputTokens: 100, outputTokens: 50),
            TestOutcomes.Ok(1, "b", inputTokens: 100, outputTokens: 20),
            TestOutcomes.Ok(2, "c", inputTokens: 100, outputTokens: 30));

        Assert.Equal("b1", result.Value.Label);
        Assert.EndsWith("; tie broken by cost", result.Decision.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteAsync_TiedScoresAndCost_LowerIndexWins()
    {
        IAggregator<BestOfResult> bestOf = Aggregators.BestOf((_, _) => ValueTask.FromResult<double?>(1));

        AggregationResult<BestOfResult> result = await bestOf.RunAsync(TestOutcomes.Ok(2, "c"), TestOutcomes.Ok(1, "b"), TestOutcomes.Failed(0));

        Assert.Equal("b1", result.Value.Label);
        Assert.EndsWith("; tie broken by branch order", result.Decision.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteAsync_UnknownUsage_CountsAsMostExpensive()
    {
        IAggregator<BestOfResult> bestOf = Aggregators.BestOf((_, _) => ValueTask.FromResult<double?>(1));
        BranchOutcome noUsage = TestOutcomes.Ok(0, "a") with { Usage = null };
        BranchOutcome partialUsage = TestOutcomes.Ok(1, "b") with { Usage = new UsageDetails { OutputTokenCount = 900 } };

        AggregationResult<BestOfResult> result = await bestOf.RunAsync(noUsage, partialUsage);

        Assert.Equal("b1", result.Value.Label);
        Assert.Contains(new DecisionEvidence("b0", 1, "tokens: unknown"), result.Decision.Evidence);
        Assert.Contains(new DecisionEvidence("b1", 1, "tokens: 900"), result.Decision.Evidence);
    }

    [Fact]
    public async Task CompleteAsync_VerifierRejectsOrThrows_RecordedAsRejected()
    {
        IAggregator<BestOfResult> bestOf = Aggregators.BestOf((outcome, _) => outcome.Text switch
        {
            "crash" => throw new InvalidOperationException("test runner crashed"),
            "nan" => ValueTask.FromResult<double?>(double.NaN),
            "bad" => ValueTask.FromResult<double?>(null),
            _ => ValueTask.FromResult<double?>(0.2),
        });

        AggregationResult<BestOfResult> result = await bestOf.RunAsync(
            TestOutcomes.Ok(0, "crash"), TestOutcomes.Ok(1, "nan"), TestOutcomes.Ok(2, "bad"), TestOutcomes.Ok(3, "ok"));

        Assert.Equal("b3", result.Value.Label);
        Assert.Equal("b3 scored 0.2, best of 1 verified candidates (3 rejected)", result.Decision.Summary);
        Assert.Contains(new DecisionEvidence("b0", 0, "rejected: the verifier threw InvalidOperationException: test runner crashed"), result.Decision.Evidence);
        Assert.Contains(new DecisionEvidence("b1", 0, "rejected: the verifier's score was NaN"), result.Decision.Evidence);
        Assert.Contains(new DecisionEvidence("b2", 0, "rejected: the verifier gave no score"), result.Decision.Evidence);
    }

    [Fact]
    public async Task CompleteAsync_AllRejected_ThrowsListingReasons()
    {
        IAggregator<BestOfResult> bestOf = Aggregators.BestOf((outcome, _) =>
            outcome.Index == 0 ? throw new FormatException("no code block") : ValueTask.FromResult<double?>(null));

        var ex = await Assert.ThrowsAsync<AggregationException>(() => bestOf.RunAsync(TestOutcomes.Ok(0, "a"), TestOutcomes.Ok(1, "b")));

        Assert.Equal(
            "The verifier rejected every candidate: b0: the verifier threw FormatException: no code block; b1: the verifier gave no score.",
            ex.Message);
    }

    [Fact]
    public async Task CompleteAsync_CallerCancelsDuringVerifier_PropagatesCancellation()
    {
        using var cts = new CancellationTokenSource();
        int calls = 0;
        IAggregator<BestOfResult> bestOf = Aggregators.BestOf((_, ct) =>
        {
            calls++;
            cts.Cancel();
            ct.ThrowIfCancellationRequested();
            return ValueTask.FromResult<double?>(1);
        });
        IAggregation<BestOfResult> aggregation = bestOf.Begin(2);
        BranchOutcome[] outcomes = [TestOutcomes.Ok(0, "a"), TestOutcomes.Ok(1, "b")];
        aggregation.AddAll(outcomes);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => aggregation.CompleteAsync(new AggregationContext(outcomes), cts.Token));
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task CompleteAsync_VerifierTimesOutOnItsOwn_RecordedAsRejected()
    {
        IAggregator<BestOfResult> bestOf = Aggregators.BestOf((outcome, _) =>
            outcome.Index == 0 ? throw new OperationCanceledException("sandbox timeout") : ValueTask.FromResult<double?>(0.5));

        AggregationResult<BestOfResult> result = await bestOf.RunAsync(TestOutcomes.Ok(0, "a"), TestOutcomes.Ok(1, "b"));

        Assert.Equal("b1", result.Value.Label);
        Assert.Contains(new DecisionEvidence("b0", 0, "rejected: the verifier threw OperationCanceledException: sandbox timeout"), result.Decision.Evidence);
    }

    [Fact]
    public async Task CompleteAsync_AsyncVerifier_IsAwaited()
    {
        var gate = new TaskCompletionSource<double?>(TaskCreationOptions.RunContinuationsAsynchronously);
        IAggregator<BestOfResult> bestOf = Aggregators.BestOf((_, _) => new ValueTask<double?>(gate.Task));
        IAggregation<BestOfResult> aggregation = bestOf.Begin(1);
        BranchOutcome only = TestOutcomes.Ok(0, "a");
        aggregation.Add(only);

        Task<AggregationResult<BestOfResult>> complete = aggregation.CompleteAsync(new AggregationContext([only]));
        Assert.False(complete.IsCompleted);
        gate.SetResult(3);

        Assert.Equal(3, (await complete.WaitAsync(TimeSpan.FromSeconds(10))).Value.Score);
    }

    [Fact]
    public void BestOf_NullVerifier_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => Aggregators.BestOf(null!));
    }
}
