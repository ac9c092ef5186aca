namespace Chorus.Aggregation;

/// <summary>Which of two candidates a pairwise judgment prefers.</summary>
public enum PairwisePreference
{
    /// <summary>The pair's first candidate (the one earlier in branch order) is better.</summary>
    First,

    /// <summary>The pair's second candidate is better.</summary>
    Second,

    /// <summary>Neither: the judge said so, or its two orders disagreed (position bias), or the panel's weights were equal.</summary>
    Tie,
}
