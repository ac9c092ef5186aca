namespace Chorus;

/// <summary>Well-known stage names.</summary>
public static class RunStages
{
    /// <summary>The stage that runs the plan's own branches.</summary>
    public const string Main = "main";
}
