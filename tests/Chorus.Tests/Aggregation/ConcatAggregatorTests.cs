using Chorus.Aggregation;

namespace Chorus.Tests.Aggregation;

public sealed class ConcatAggregatorTests : AnswerAggregatorContractTests<SectionedText>
{
    protected override IAggregator<SectionedText> CreateAggregator() => Aggregators.Concat();

    protected override string ResultText(SectionedText value) => value.Text;

    [Fact]
    public async Task CompleteAsync_AddedOutOfOrder_SectionsInBranchOrder()
    {
        AggregationResult<SectionedText> result = await Aggregators.Concat().RunAsync(
            TestOutcomes.Ok(2, "third"),
            TestOutcomes.Ok(0, "first"),
            TestOutcomes.Ok(1, "second"));

        Assert.Equal("first\n\nsecond\n\nthird", result.Value.Text);
        Assert.Equal(
            [new Section(0, "b0", "first"), new Section(1, "b1", "second"), new Section(2, "b2", "third")],
            result.Value.Sections);
        Assert.Empty(result.Value.Missing);
        Assert.Equal("joined 3 sections", result.Decision.Summary);
        Assert.Equal(1.0, result.Decision.Confidence);
        Assert.Null(result.Decision.Winner);
    }

    [Fact]
    public async Task CompleteAsync_SectionFormatAndSeparator_RenderHeadingsWithoutReexpandingText()
    {
        var options = new ConcatOptions { SectionFormat = "## {label} ({index})\n{text}", Separator = "\n---\n" };

        AggregationResult<SectionedText> result = await Aggregators.Concat(options).RunAsync(
            TestOutcomes.Ok(1, "uses {label} literally", label: "cons"),
            TestOutcomes.Ok(0, "{\"json\": true}", label: "pros"));

        Assert.Equal("## pros (0)\n{\"json\": true}\n---\n## cons (1)\nuses {label} literally", result.Value.Text);
    }

    [Fact]
    public async Task CompleteAsync_FailedBranch_ListedAsMissingNeverDropped()
    {
        AggregationResult<SectionedText> result = await Aggregators.Concat().RunAsync(
            TestOutcomes.Ok(0, "intro"),
            TestOutcomes.Failed(1, "The branch ran past its timeout.", BranchStatus.TimedOut),
            TestOutcomes.Ok(2, "outro"));

        Assert.Equal("intro\n\noutro", result.Value.Text);
        Assert.Equal([new MissingSection(1, "b1", "timed out: The branch ran past its timeout.")], result.Value.Missing);
        Assert.Equal("joined 2 of 3 sections; missing: b1", result.Decision.Summary);
        Assert.Equal(2.0 / 3, result.Decision.Confidence);
        Assert.Equal(
            [
                new DecisionEvidence("b0", 1, "section 0"),
                new DecisionEvidence("b1", 0, "missing: timed out: The branch ran past its timeout."),
                new DecisionEvidence("b2", 1, "section 2"),
            ],
            result.Decision.Evidence);
    }

    [Fact]
    public async Task CompleteAsync_MissingSectionFormat_RendersPlaceholderInText()
    {
        var options = new ConcatOptions { MissingSectionFormat = "[{label} missing: {reason}]" };

        AggregationResult<SectionedText> result = await Aggregators.Concat(options).RunAsync(
            TestOutcomes.Failed(0, "quota"),
            TestOutcomes.Ok(1, "body"));

        Assert.Equal("[b0 missing: failed: quota]\n\nbody", result.Value.Text);
    }

    [Fact]
    public async Task CompleteAsync_BranchNeverAdded_ListedAsMissingWithLabelFromContext()
    {
        IAggregation<SectionedText> aggregation = Aggregators.Concat().Begin(2);
        BranchOutcome added = TestOutcomes.Ok(0, "body");
        aggregation.Add(added);
        BranchOutcome notAdded = TestOutcomes.Failed(1, "late", BranchStatus.Cancelled, label: "appendix");

        AggregationResult<SectionedText> result = await aggregation.CompleteAsync(new AggregationContext([added, notAdded]));

        Assert.Equal([new MissingSection(1, "appendix", "no outcome was reported")], result.Value.Missing);
    }

    [Fact]
    public async Task CompleteAsync_SucceededWithEmptyText_KeepsEmptySection()
    {
        AggregationResult<SectionedText> result = await Aggregators.Concat().RunAsync(TestOutcomes.Ok(0, string.Empty), TestOutcomes.Ok(1, "x"));

        Assert.Equal(2, result.Value.Sections.Count);
        Assert.Equal("\n\nx", result.Value.Text);
    }

    [Fact]
    public void Add_AnyOutcome_NeverSettles()
    {
        IAggregation<SectionedText> aggregation = Aggregators.Concat().Begin(3);

        Assert.Equal([false, false, false], aggregation.AddAll(TestOutcomes.Ok(0, "a"), TestOutcomes.Failed(1), TestOutcomes.Ok(2, "a")));
    }

    [Fact]
    public async Task Options_ChangedAfterCreate_DoNotAffectAggregator()
    {
        var options = new ConcatOptions { Separator = "|" };
        IAggregator<SectionedText> aggregator = Aggregators.Concat(options);
        options.Separator = "#";
        options.SectionFormat = "X";

        AggregationResult<SectionedText> result = await aggregator.RunAsync(TestOutcomes.Ok(0, "a"), TestOutcomes.Ok(1, "b"));

        Assert.Equal("a|b", result.Value.Text);
    }

    [Fact]
    public void Options_Defaults_ArePinned()
    {
        var options = new ConcatOptions();

        Assert.Equal("\n\n", options.Separator);
        Assert.Equal("{text}", options.SectionFormat);
        Assert.Null(options.MissingSectionFormat);
    }

    [Fact]
    public void Options_NullSeparatorOrFormat_ThrowsArgumentNull()
    {
        var options = new ConcatOptions();

        Assert.Throws<ArgumentNullException>(() => options.Separator = null!);
        Assert.Throws<ArgumentNullException>(() => options.SectionFormat = null!);
    }
}
