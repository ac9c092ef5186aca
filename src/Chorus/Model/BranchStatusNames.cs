namespace Chorus;

/// <summary>The wire names of <see cref="BranchStatus"/> values, as reports, timelines and telemetry write them.</summary>
internal static class BranchStatusNames
{
    public static string Of(BranchStatus status) => status switch
    {
        BranchStatus.Succeeded => "succeeded",
        BranchStatus.Failed => "failed",
        BranchStatus.TimedOut => "timed_out",
        BranchStatus.Cancelled => "cancelled",
        _ => "skipped",
    };
}
