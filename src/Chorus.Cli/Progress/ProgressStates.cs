namespace Chorus.Cli.Progress;

/// <summary>The states a branch is shown in.</summary>
internal static class ProgressStates
{
    public const string Queued = "queued";
    public const string Waiting = "waiting for budget";
    public const string Running = "running";
    public const string Retrying = "retrying";
    public const string Done = "done";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
}
