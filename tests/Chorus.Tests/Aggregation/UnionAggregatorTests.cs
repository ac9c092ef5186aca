using Chorus.Aggregation;
using Chorus.Voting;

namespace Chorus.Tests.Aggregation;

public sealed class UnionAggregatorTests : AnswerAggregatorContractTests<UnionResult>
{
    protected override IAggregator<UnionResult> CreateAggregator() => Aggregators.Union();

    protected override string ResultText(UnionResult value) => string.Join("\n", value.Items.Select(i => i.Text));

    [Fact]
    public async Task CompleteAsync_DuplicatesAcrossBranches_KeepsFirstInBranchOrderWithSources()
    {
        AggregationResult<UnionResult> result = await Aggregators.Union().RunAsync(
            TestOutcomes.Ok(2, "- Rome\n- Madrid"),
            TestOutcomes.Ok(0, "1. Paris\n2. Berlin"),
            TestOutcomes.Ok(1, "* berlin.\n* PARIS\n* Rome"));

        Assert.Equal(["Paris", "Berlin", "Rome", "Madrid"], result.Value.Items.Select(i => i.Text));
        Assert.Equal(["b0", "b1"], result.Value.Items[0].Sources);
        Assert.Equal(["b0", "b1"], result.Value.Items[1].Sources);
        Assert.Equal(["b1", "b2"], result.Value.Items[2].Sources);
        Assert.Equal(["b2"], result.Value.Items[3].Sources);
        Assert.Equal("4 unique items from 3 of 3 branches (7 before de-duplication)", result.Decision.Summary);
        Assert.Equal(
            [new DecisionEvidence("b0", 2, "2 new"), new DecisionEvidence("b1", 3, "1 new"), new DecisionEvidence("b2", 2, "1 new")],
            result.Decision.Evidence);
    }

    [Fact]
    public async Task CompleteAsync_SameItemTwiceInOneBranch_SourceListedOnce()
    {
        AggregationResult<UnionResult> result = await Aggregators.Union().RunAsync(TestOutcomes.Ok(0, "a\n  A  \n\n-   a"));

        UnionItem item = Assert.Single(result.Value.Items);
        Assert.Equal(new UnionItem("a", ["b0"]).Text, item.Text);
        Assert.Equal(["b0"], item.Sources);
    }

    [Theory]
    [InlineData("- item", "item")]
    [InlineData("* item", "item")]
    [InlineData("+ item", "item")]
    [InlineData("• item", "item")]
    [InlineData("12. item", "item")]
    [InlineData("3) item", "item")]
    [InlineData("  - - item", "- item")]
    [InlineData("-item", "-item")]
    [InlineData("2024 was a year", "2024 was a year")]
    public void ItemExtractor_Default_StripsOneBulletOrNumberPrefix(string line, string expected)
    {
        Assert.Equal([expected], new UnionOptions().ItemExtractor(line));
    }

    [Fact]
    public void ItemExtractor_Default_SkipsBlankLinesAndHandlesCrLf()
    {
        Assert.Equal(["a", "b"], new UnionOptions().ItemExtractor("a\r\n\r\n  \n- b\r\n"));
    }

    [Fact]
    public async Task CompleteAsync_FailedBranch_ShownAsAbstention()
    {
        AggregationResult<UnionResult> result = await Aggregators.Union().RunAsync(
            TestOutcomes.Ok(0, "x"),
            TestOutcomes.Failed(1, "rate limited"));

        Assert.Contains(new DecisionEvidence("b1", 0, "abstained: failed: rate limited"), result.Decision.Evidence);
        Assert.Equal("1 unique items from 1 of 2 branches (1 before de-duplication)", result.Decision.Summary);
    }

    [Fact]
    public async Task CompleteAsync_SucceededWithoutItems_ReturnsEmptyUnion()
    {
        AggregationResult<UnionResult> result = await Aggregators.Union().RunAsync(TestOutcomes.Ok(0, "  \n"));

        Assert.Empty(result.Value.Items);
    }

    [Fact]
    public async Task CompleteAsync_CustomExtractorAndKey_AreUsed()
    {
        var options = new UnionOptions
        {
            ItemExtractor = text => text.Split(','),
            KeyNormalizer = item => item.Trim().Length > 3 ? item.Trim()[..3] : string.Empty,
        };

        AggregationResult<UnionResult> result = await Aggregators.Union(options).RunAsync(
            TestOutcomes.Ok(0, "apple, apricot, fig"),
            TestOutcomes.Ok(1, "applesauce,banana"));

        Assert.Equal(["apple", "apricot", "banana"], result.Value.Items.Select(i => i.Text));
        Assert.Equal(["b0", "b1"], result.Value.Items[0].Sources);
    }

    [Fact]
    public void Options_NullDelegates_ThrowArgumentNull()
    {
        var options = new UnionOptions();

        Assert.Throws<ArgumentNullException>(() => options.ItemExtractor = null!);
        Assert.Throws<ArgumentNullException>(() => options.KeyNormalizer = null!);
    }

    [Fact]
    public void Options_DefaultKeyNormalizer_MatchesMajorityNormalizer()
    {
        Assert.Equal("new york", new UnionOptions().KeyNormalizer("  New   York!! "));
        Assert.Equal(new MajorityVoteOptions().Normalizer("  New   York!! "), new UnionOptions().KeyNormalizer("  New   York!! "));
    }
}
