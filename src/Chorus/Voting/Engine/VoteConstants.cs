namespace Chorus.Voting;

/// <summary>Names used by the vote aggregator in reports.</summary>
internal static class VoteConstants
{
    public const string Name = "vote";

    /// <summary>The name of <see cref="Aggregators.Majority"/>, the vote that settles once the winner is decided.</summary>
    public const string MajorityName = "majority";

    /// <summary>The rule named when the majority vote settled because the winner was decided.</summary>
    public const string DecidedRuleName = "cannot-be-overtaken";

    public const string ClusterStage = "cluster";

    public const string NoAnswerKey = "abstained/no answer";

    public const string ZeroWeightKey = "abstained/zero weight";

    public const string AbstainedPrefix = "abstained/";

    public const string SamplesUsedKey = "samples/used";

    public const string SamplesCancelledKey = "samples/cancelled";

    public const string SamplesSkippedKey = "samples/skipped";

    public const string SamplesLateKey = "samples/late";

    public const string CancelledTokensKey = "tokens/cancelled";

    public const string ConfidenceKey = "confidence";

    public const string StoppedByPrefix = "stopped_by/";

    public const string ClusterPrefix = "cluster/";

    public const string ClusteringFailedKey = "clustering/failed";
}
