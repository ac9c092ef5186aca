namespace Chorus.TestKit;

/// <summary>
/// Behaviour every aggregator shares (Guard included); each aggregator's tests derive from this, or from
/// <see cref="AnswerAggregatorContractTests{T}"/> when any successful branch can be the answer (like RL's BaseRateLimiterTests).
/// </summary>
/// <remarks>
/// The contract, from <see cref="IAggregator{TResult}"/> and <see cref="IAggregation{TResult}"/>: an aggregator is shared
/// configuration and <see cref="IAggregator{TResult}.Begin"/> gives each run fresh, independent state (so concurrent runs of
/// one aggregator do not interfere); <see cref="IAggregation{TResult}.Add"/> takes each branch index once, inside the run,
/// and nothing after completion (<see cref="InvalidOperationException"/>, <see cref="ArgumentOutOfRangeException"/>); once
/// it says the answer is settled it keeps saying so, and late outcomes are accepted without changing that; completion
/// happens once, and a result that cannot be produced fails the returned task with <see cref="AggregationException"/>.
/// </remarks>
/// <typeparam name="T">The aggregator's result type.</typeparam>
public abstract class AggregatorContractTests<T>
{
    /// <summary>Creates the aggregator under test, configured so that a run whose first added outcome succeeds has an answer built from it.</summary>
    protected abstract IAggregator<T> CreateAggregator();

    /// <summary>Gets the text of a result, to check which outcomes it was built from.</summary>
    protected abstract string ResultText(T value);

    /// <summary>Gets the reply a successful branch gives to carry <paramref name="word"/>; the default is the word itself.</summary>
    /// <remarks>Override where a reply must have a shape (a JSON section, a code block); <see cref="ResultText"/> must then show the word.</remarks>
    protected virtual string Answer(string word) => word;

    /// <summary>Builds a successful outcome whose reply carries <paramref name="word"/>.</summary>
    protected BranchOutcome Ok(int index, string word) => TestOutcomes.Ok(index, Answer(word));

    /// <summary>Gets the stage runner used by <see cref="CreateContext"/>; model-backed aggregators run their judges here.</summary>
    protected TestStageRunner Stages { get; } = new();

    protected AggregationContext CreateContext(params BranchOutcome[] outcomes) => Stages.Context(outcomes);

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
        aggregation.Add(Ok(1, "alpha"));

        var ex = Assert.Throws<InvalidOperationException>(() => aggregation.Add(Ok(1, "alpha")));
        Assert.Contains("already added", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_SameIndexAfterFailure_ThrowsInvalidOperation()
    {
        IAggregation<T> aggregation = CreateAggregator().Begin(2);
        aggregation.Add(TestOutcomes.Failed(0));

        Assert.Throws<InvalidOperationException>(() => aggregation.Add(Ok(0, "alpha")));
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
        BranchOutcome first = Ok(0, "alpha");
        aggregation.Add(first);
        await aggregation.CompleteAsync(CreateContext(first));

        var ex = Assert.Throws<InvalidOperationException>(() => aggregation.Add(Ok(1, "alpha")));
        Assert.Contains("already completed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteAsync_Twice_ThrowsInvalidOperation()
    {
        IAggregation<T> aggregation = CreateAggregator().Begin(1);
        BranchOutcome only = Ok(0, "alpha");
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
        BranchOutcome alpha = Ok(0, "alpha");
        BranchOutcome beta = Ok(0, "beta");

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
    public async Task CompleteAsync_CannotDecide_FailsThroughTaskNotSynchronously()
    {
        BranchOutcome failed = TestOutcomes.Failed(0);
        IAggregation<T> aggregation = CreateAggregator().Begin(1);
        aggregation.Add(failed);

        Task<AggregationResult<T>> complete = aggregation.CompleteAsync(CreateContext(failed));

        await Assert.ThrowsAsync<AggregationException>(() => complete);
    }

    [Fact]
    public async Task CompleteAsync_NoBranches_FailsWithAggregationException()
    {
        IAggregation<T> aggregation = CreateAggregator().Begin(0);

        await Assert.ThrowsAsync<AggregationException>(() => aggregation.CompleteAsync(CreateContext()));
    }

    [Fact]
    public async Task Add_AfterSettled_AcceptsLateOutcomesAndStaysSettled()
    {
        BranchOutcome[] outcomes = [.. Enumerable.Range(0, 5).Select(i => Ok(i, "alpha"))];
        IAggregation<T> aggregation = CreateAggregator().Begin(outcomes.Length);

        List<bool> settled = aggregation.AddAll(outcomes);
        AggregationResult<T> result = await aggregation.CompleteAsync(CreateContext(outcomes));

        int first = settled.IndexOf(true);
        Assert.True(first < 0 || settled.Skip(first).All(s => s), $"Add said settled, then unsettled: [{string.Join(", ", settled)}].");
        Assert.Contains("alpha", ResultText(result.Value), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Begin_ConcurrentRuns_DoNotInterfere()
    {
        IAggregator<T> aggregator = CreateAggregator();
        string[] words = [.. Enumerable.Range(0, 8).Select(i => "word" + (char)('a' + i))];
        using var start = new ManualResetEventSlim();

        // Eight runs of one aggregator, each on its own thread, released together; each must see only its own outcomes.
        Task<string>[] runs = [.. words.Select(word => Task.Run(async () =>
        {
            start.Wait();
            IAggregation<T> aggregation = aggregator.Begin(2);
            BranchOutcome[] outcomes = [Ok(0, word), TestOutcomes.Failed(1)];
            aggregation.AddAll(outcomes);
            AggregationResult<T> result = await aggregation.CompleteAsync(CreateContext(outcomes));
            return ResultText(result.Value);
        }))];
        start.Set();
        string[] texts = await Task.WhenAll(runs).WaitAsync(TimeSpan.FromSeconds(60));   // hang guard only

        for (int i = 0; i < words.Length; i++)
        {
            Assert.Contains(words[i], texts[i], StringComparison.Ordinal);
            Assert.All(words.Where((_, j) => j != i), other => Assert.DoesNotContain(other, texts[i], StringComparison.Ordinal));
        }
    }
}

/// <summary>
/// The contract of aggregators whose answer can come from any successful branch (all but Guard, whose branches have roles):
/// failed, timed-out, cancelled and skipped outcomes are abstentions, never used as answers even when they carry text;
/// with no success at all, completion fails with an <see cref="AggregationException"/> that counts the statuses.
/// </summary>
/// <typeparam name="T">The aggregator's result type.</typeparam>
public abstract class AnswerAggregatorContractTests<T> : AggregatorContractTests<T>
{
    [Fact]
    public async Task CompleteAsync_SingleSuccessAmongFailures_ResultIsBuiltFromIt()
    {
        BranchOutcome[] outcomes =
        [
            TestOutcomes.Failed(0, status: BranchStatus.TimedOut),
            Ok(1, "alpha"),
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

        AssertNoSuccessMessage(ex.Message, outcomes.Length);
        Assert.Empty(Stages.Stages);
    }

    [Theory]
    [InlineData(BranchStatus.Failed)]
    [InlineData(BranchStatus.TimedOut)]
    [InlineData(BranchStatus.Cancelled)]
    [InlineData(BranchStatus.Skipped)]
    public async Task CompleteAsync_AbstentionCarryingText_IsNeverTheAnswer(BranchStatus status)
    {
        // An outcome that did not succeed may still hold a (partial) response; it must not count.
        BranchOutcome poisoned = TestOutcomes.Failed(0, status: status) with { Response = ScriptedChatClient.Reply(Answer("poison")) };
        BranchOutcome[] outcomes = [poisoned, Ok(1, "alpha"), TestOutcomes.Failed(2, status: status) with { Response = ScriptedChatClient.Reply(Answer("poison")) }];
        IAggregation<T> aggregation = CreateAggregator().Begin(3);
        aggregation.AddAll(outcomes);

        AggregationResult<T> result = await aggregation.CompleteAsync(CreateContext(outcomes));

        Assert.Contains("alpha", ResultText(result.Value), StringComparison.Ordinal);
        Assert.DoesNotContain("poison", ResultText(result.Value), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteAsync_NoBranches_ThrowsSayingSo()
    {
        IAggregation<T> aggregation = CreateAggregator().Begin(0);

        var ex = await Assert.ThrowsAsync<AggregationException>(() => aggregation.CompleteAsync(CreateContext()));

        AssertNoSuccessMessage(ex.Message, 0);
    }

    /// <summary>
    /// Checks the message of the <see cref="AggregationException"/> for a run with no success: by default the core's wording,
    /// which counts the statuses (<c>1 failed, 1 timed out, 1 cancelled</c>) or says <c>the run had no branches</c>.
    /// </summary>
    /// <param name="message">The exception's message.</param>
    /// <param name="branchCount">The run's branches: 0, or 3 that failed, timed out and were cancelled.</param>
    protected virtual void AssertNoSuccessMessage(string message, int branchCount) =>
        Assert.Contains(branchCount == 0 ? "no branches" : "1 failed, 1 timed out, 1 cancelled", message, StringComparison.Ordinal);
}
