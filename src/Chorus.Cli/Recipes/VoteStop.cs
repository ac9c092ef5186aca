namespace Chorus.Cli.Recipes;

/// <summary>When <c>chorus vote</c> stops sampling (<c>--stop</c>).</summary>
internal enum VoteStop
{
    /// <summary>Once the leader cannot be overtaken by the samples left: never changes the full vote's winner.</summary>
    Majority,

    /// <summary>Once the probability that the leader is the majority reaches 0.95 (Adaptive-Consistency, Beta model).</summary>
    Adaptive,

    /// <summary>Once a window of 5 samples agrees (Early-Stopping Self-Consistency).</summary>
    Window,

    /// <summary>Never early: every sample is drawn.</summary>
    All,
}
