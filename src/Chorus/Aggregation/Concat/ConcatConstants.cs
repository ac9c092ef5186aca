namespace Chorus.Aggregation;

/// <summary>Defaults and names for the concat aggregator.</summary>
internal static class ConcatConstants
{
    public const string Name = "concat";

    public const string DefaultSeparator = "\n\n";

    public const string DefaultSectionFormat = "{text}";
}
