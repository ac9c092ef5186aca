namespace Chorus.Aggregation;

/// <summary>Names and bounds used by the jury.</summary>
internal static class JuryConstants
{
    public const string Name = "jury";

    public const string Stage = "jury";

    public const string ScoresSchemaName = "chorus_scores";

    public const double MinScore = 1;

    public const double MaxScore = 10;
}
