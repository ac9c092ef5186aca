namespace Chorus.Voting;

/// <summary>Which answer wins when two or more answers have the most votes.</summary>
public enum MajorityTieRule
{
    /// <summary>The tied answer that reached the tied count first, in the order the outcomes arrived, wins.</summary>
    FirstToReach,

    /// <summary>The tied answer given by the branch with the lowest index wins; it does not depend on timing.</summary>
    LowestBranchIndex,

    /// <summary>A tie is not a decision: completing the vote throws <see cref="AggregationException"/>.</summary>
    NoDecision,
}
