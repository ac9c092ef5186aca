using Chorus.Aggregation;
using Chorus.Voting;

namespace Chorus.Tests.Aggregation;

/// <summary>The contract rule "options are copied when the aggregator is created": changing the options afterwards changes nothing.
/// Each aggregator gets a change that would visibly alter its result if the options were read again.</summary>
public class AggregatorOptionsCopiedTests
{
    [Fact]
    public async Task Vote_StoppingRuleAndNormalizerChangedAfterCreation_AggregatorKeepsTheOriginals()
    {
        var options = new VoteAggregatorOptions { StoppingRule = StoppingRules.Fixed(3) };
        IAggregator<VoteResult> aggregator = Aggregators.Vote(options);
        options.StoppingRule = StoppingRules.Fixed(1);
        options.Normalizer = _ => "same";

        IAggregation<VoteResult> run = aggregator.Begin(3);
        bool[] settled = [run.Add(TestOutcomes.Ok(0, "7")), run.Add(TestOutcomes.Ok(1, "8")), run.Add(TestOutcomes.Ok(2, "7"))];
        AggregationResult<VoteResult> result = await run.CompleteAsync(new AggregationContext([]));

        Assert.Equal([false, false, true], settled);     // Fixed(3), not Fixed(1)
        Assert.Equal("7", result.Value.NormalizedAnswer);
        Assert.Equal(2, result.Value.Votes);              // "8" was not normalized into the same key
    }

    [Fact]
    public async Task Majority_TieRuleChangedAfterCreation_AggregatorKeepsTheOriginal()
    {
        var options = new MajorityVoteOptions { TieRule = MajorityTieRule.LowestBranchIndex };
        IAggregator<VoteResult> aggregator = Aggregators.Majority(options);
        options.TieRule = MajorityTieRule.NoDecision;

        IAggregation<VoteResult> run = aggregator.Begin(2);
        run.Add(TestOutcomes.Ok(1, "b"));
        run.Add(TestOutcomes.Ok(0, "a"));
        AggregationResult<VoteResult> result = await run.CompleteAsync(new AggregationContext([]));

        Assert.Equal("a", result.Value.NormalizedAnswer);   // NoDecision would have thrown on the tie
    }

    [Fact]
    public async Task Concat_FormatChangedAfterCreation_AggregatorKeepsTheOriginal()
    {
        var options = new ConcatOptions { SectionFormat = "[{label}] {text}", Separator = " | " };
        IAggregator<SectionedText> aggregator = Aggregators.Concat(options);
        options.SectionFormat = "{text}";
        options.Separator = "\n";

        IAggregation<SectionedText> run = aggregator.Begin(2);
        run.Add(TestOutcomes.Ok(0, "one", label: "a"));
        run.Add(TestOutcomes.Ok(1, "two", label: "b"));
        AggregationResult<SectionedText> result = await run.CompleteAsync(new AggregationContext([]));

        Assert.Equal("[a] one | [b] two", result.Value.Text);
    }
}
