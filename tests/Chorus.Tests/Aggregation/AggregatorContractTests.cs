namespace Chorus.Tests.Aggregation;

/// <summary>Behaviour every aggregator shares; each aggregator's tests derive from this (like RL's BaseRateLimiterTests).</summary>
/// <typeparam name="T">The aggregator's result type.</typeparam>
public abstract class AggregatorContractTests<T>
{
    /// <summary>Creates the aggregator under test, configured so that a single successful branch wins with its text.</summary>
    protected abstract IAggregator<T> CreateAggregator();

    /// <summary>Gets the text of a result, to check which outcomes it was built from.</summary>
    protected abstract string ResultText(T value);

    /// <summary>Gets the stage runner used by <see cref="CreateContext"/>; model-backed aggregators run their judges here.</summary>
    private protected TestStageRunner Stages { get; } = new();

    private protected AggregationContext CreateContext(params BranchOutcome[] outcomes) => Stages.Context(outcomes);

    [Fact]
    public void Name_Always_IsLowerCaseAndNotBlank()
    {
        string name = CreateAggregator().Name;
        Assert.False(string.IsNullOrWhiteSpace(name));
        Assert.Equal(name.ToLowerInvariant(), name);
    }

    [Fact]
    public void Begin_NegativeBranchCount_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CreateAggregator().Begin(-1));
    }

    [Fact]
    public void Add_Null_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => CreateAggregator().Begin(1).Add(null!));
    }

    [Fact]
    public void Add_SameIndexTwice_ThrowsInvalidOperation()
    {
        IAggregation<T> aggregation = CreateAggregator().Begin(3);
        aggregation.Add(TestOutcomes.Ok(1, "alpha"));

        var ex = Assert.Throws<InvalidOperationException>(() => aggregation.Add(TestOutcomes.Ok(1, "alpha")));
        Assert.Contains("already added", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_SameIndexAfterFailure_ThrowsInvalidOperation()
    {
        IAggregation<T> aggregation = CreateAggregator().Begin(2);
        aggregation.Add(TestOutcomes.Failed(0));

        Assert.Throws<InvalidOperationException>(() => aggregation.Add(TestOutcomes.Ok(0, "alpha")));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    public void Add_IndexOutsideRun_ThrowsArgumentOutOfRange(int index)
    {
        IAggregation<T> aggregation = CreateAggregator().Begin(2);

        Assert.Throws<ArgumentOutOfRangeException>(() => aggregation.Add(TestOutcomes.Ok(index, "alpha", label: "x")));
    }

    [Fact]
    public async Task Add_AfterComplete_ThrowsInvalidOperation()
    {
        IAggregation<T> aggregation = CreateAggregator().Begin(2);
        BranchOutcome first = TestOutcomes.Ok(0, "alpha");
        aggregation.Add(first);
        await aggregation.CompleteAsync(CreateContext(first));

        var ex = Assert.Throws<InvalidOperationException>(() => aggregation.Add(TestOutcomes.Ok(1, "alpha")));
        Assert.Contains("already completed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteAsync_Twice_ThrowsInvalidOperation()
    {
        IAggregation<T> aggregation = CreateAggregator().Begin(1);
        BranchOutcome only = TestOutcomes.Ok(0, "alpha");
        aggregation.Add(only);
        await aggregation.CompleteAsync(CreateContext(only));

        await Assert.ThrowsAsync<InvalidOperationException>(() => aggregation.CompleteAsync(CreateContext(only)));
    }

    [Fact]
    public async Task CompleteAsync_NullContext_ThrowsArgumentNull()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => CreateAggregator().Begin(0).CompleteAsync(null!));
    }

    [Fact]
    public async Task Begin_Twice_GivesIndependentState()
    {
        IAggregator<T> aggregator = CreateAggregator();
        IAggregation<T> first = aggregator.Begin(1);
        IAggregation<T> second = aggregator.Begin(1);
        BranchOutcome alpha = TestOutcomes.Ok(0, "alpha");
        BranchOutcome beta = TestOutcomes.Ok(0, "beta");

        first.Add(alpha);
        second.Add(beta);
        AggregationResult<T> firstResult = await first.CompleteAsync(CreateContext(alpha));
        IAggregation<T> third = aggregator.Begin(1);
        third.Add(alpha);
        AggregationResult<T> secondResult = await second.CompleteAsync(CreateContext(beta));

        Assert.Contains("alpha", ResultText(firstResult.Value), StringComparison.Ordinal);
        Assert.DoesNotContain("beta", ResultText(firstResult.Value), StringComparison.Ordinal);
        Assert.Contains("beta", ResultText(secondResult.Value), StringComparison.Ordinal);
        Assert.DoesNotContain("alpha", ResultText(secondResult.Value), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteAsync_SingleSuccessAmongFailures_ResultIsBuiltFromIt()
    {
        BranchOutcome[] outcomes =
        [
            TestOutcomes.Failed(0, status: BranchStatus.TimedOut),
            TestOutcomes.Ok(1, "alpha"),
            TestOutcomes.Failed(2),
        ];
        IAggregation<T> aggregation = CreateAggregator().Begin(3);
        aggregation.AddAll(outcomes);

        AggregationResult<T> result = await aggregation.CompleteAsync(CreateContext(outcomes));

        Assert.Contains("alpha", ResultText(result.Value), StringComparison.Ordinal);
        Assert.Equal(CreateAggregator().Name, result.Decision.Strategy);
        Assert.False(string.IsNullOrWhiteSpace(result.Decision.Summary));
        Assert.Contains(result.Decision.Evidence, e => (e.Detail is { } d && d.Contains("b0", StringComparison.Ordinal)) || e.Key.Contains("b0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CompleteAsync_AllAbstain_ThrowsAggregationException()
    {
        BranchOutcome[] outcomes =
        [
            TestOutcomes.Failed(0),
            TestOutcomes.Failed(1, status: BranchStatus.TimedOut),
            TestOutcomes.Failed(2, status: BranchStatus.Cancelled),
        ];
        IAggregation<T> aggregation = CreateAggregator().Begin(3);
        aggregation.AddAll(outcomes);

        var ex = await Assert.ThrowsAsync<AggregationException>(() => aggregation.CompleteAsync(CreateContext(outcomes)));

        Assert.Contains("1 failed, 1 timed out, 1 cancelled", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Stages.Stages);
    }

    [Fact]
    public async Task CompleteAsync_CannotDecide_FailsThroughTaskNotSynchronously()
    {
        BranchOutcome failed = TestOutcomes.Failed(0);
        IAggregation<T> aggregation = CreateAggregator().Begin(1);
        aggregation.Add(failed);

        Task<AggregationResult<T>> complete = aggregation.CompleteAsync(CreateContext(failed));

        await Assert.ThrowsAsync<AggregationException>(() => complete);
    }

    [Fact]
    public async Task CompleteAsync_NoBranches_ThrowsAggregationException()
    {
        IAggregation<T> aggregation = CreateAggregator().Begin(0);

        var ex = await Assert.ThrowsAsync<AggregationException>(() => aggregation.CompleteAsync(CreateContext()));

        Assert.Contains("no branches", ex.Message, StringComparison.Ordinal);
    }
}
