namespace Chorus.Aggregation;

/// <summary>Names used by the judge.</summary>
internal static class JudgeConstants
{
    public const string Name = "judge";

    public const string Stage = "judge";

    public const string DefaultLabel = "judge";

    public const string VerdictSchemaName = "chorus_verdict";
}
