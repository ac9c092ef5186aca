using Chorus.Voting;

namespace Chorus.Tests.Voting;

public class VoteOptionsTests
{
    [Fact]
    public void Defaults_ArePinned()
    {
        var options = new VoteOptions();
        Assert.Equal(10, options.MaxSamples);
        Assert.Equal(8, options.Concurrency);
        VoteAggregatorOptions aggregator = options.Aggregator;
        Assert.Equal("adaptive-beta(0.95)", aggregator.StoppingRule.Name);
        Assert.Same(AnswerExtractors.Auto, aggregator.AnswerExtractor);
        Assert.Same(AnswerNormalizers.Default, aggregator.Normalizer);
        Assert.Equal(MajorityTieRule.FirstToReach, aggregator.TieRule);
        Assert.Null(aggregator.Weight);
        Assert.Null(aggregator.Clusterer);
        Assert.Null(aggregator.ClustererOptions);
        Assert.Null(options.ChatOptions);
        Assert.Null(options.SampleTimeout);
        Assert.Null(options.Runner);
    }

    [Fact]
    public void Setters_BadValues_Throw()
    {
        var options = new VoteOptions();
        Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxSamples = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.Concurrency = -1);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.SampleTimeout = TimeSpan.Zero);
        Assert.Throws<ArgumentNullException>(() => options.Aggregator = null!);
        var aggregator = new VoteAggregatorOptions();
        Assert.Throws<ArgumentNullException>(() => aggregator.StoppingRule = null!);
        Assert.Throws<ArgumentNullException>(() => aggregator.AnswerExtractor = null!);
        Assert.Throws<ArgumentNullException>(() => aggregator.Normalizer = null!);
        ArgumentOutOfRangeException ex = Assert.Throws<ArgumentOutOfRangeException>(() => aggregator.TieRule = (MajorityTieRule)9);
        Assert.StartsWith("TieRule must be a defined MajorityTieRule, was 9.", ex.Message);
    }

    [Fact]
    public void VoteWeights_BadWeights_ThrowWithMessage()
    {
        ArgumentOutOfRangeException ex = Assert.Throws<ArgumentOutOfRangeException>(() => VoteWeights.PerModel(new Dictionary<string, double> { ["m"] = -1 }));
        Assert.StartsWith("The weight of 'm' must be positive and finite, was -1.", ex.Message);
        ex = Assert.Throws<ArgumentOutOfRangeException>(() => VoteWeights.FromLogprobs(double.NaN));
        Assert.StartsWith("The fallback weight must be zero or positive and finite, was NaN.", ex.Message);
    }

    [Fact]
    public void Voter_BadWeight_ThrowsWithMessage()
    {
        ArgumentOutOfRangeException ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Voter("v", new Chorus.TestKit.ScriptedChatClient("x"), weight: 0));
        Assert.StartsWith("The weight of voter 'v' must be positive and finite, was 0.", ex.Message);
    }
}
