namespace Chorus.Aggregation;

/// <summary>What a judge does with the candidates.</summary>
public enum JudgeMode
{
    /// <summary>The judge picks the best candidate; the result is that candidate's text.</summary>
    Pick,

    /// <summary>The judge writes one answer from all the candidates; the result is the judge's text.</summary>
    Synthesize,
}
