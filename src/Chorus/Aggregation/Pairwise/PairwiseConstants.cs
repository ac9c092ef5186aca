namespace Chorus.Aggregation;

/// <summary>Names used by the pairwise panel.</summary>
internal static class PairwiseConstants
{
    public const string Name = "pairwise";

    public const string Stage = "pairwise";

    /// <summary>The judge's verdict schema shares the name of the judge's, so OpenAI-compatible judges (and the simulator) treat it as a choice.</summary>
    public const string SchemaName = "chorus_verdict";

    public const string Tie = "tie";
}
