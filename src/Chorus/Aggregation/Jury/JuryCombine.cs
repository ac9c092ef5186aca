namespace Chorus.Aggregation;

/// <summary>How a jury turns the jurors' scores into one score per candidate.</summary>
public enum JuryCombine
{
    /// <summary>The weighted mean of the jurors' scores (the plain mean when every <see cref="Juror.Weight"/> is equal), on the 1–10 scale.</summary>
    Mean,

    /// <summary>
    /// The weighted median of the jurors' scores, on the 1–10 scale: the lowest score at which the jurors' cumulative weight
    /// reaches half the total, averaged with the next score when it lands exactly on half (so equal weights give the plain median).
    /// </summary>
    Median,

    /// <summary>
    /// Each juror votes, with its weight, for the candidate it scored highest (its own ties go to the candidate shown first,
    /// whose id is earliest); a candidate's score is its share of the jurors' weight, in [0, 1].
    /// </summary>
    Majority,
}
