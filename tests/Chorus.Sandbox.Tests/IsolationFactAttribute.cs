using System.Diagnostics;

namespace Chorus.Sandbox.Tests;

/// <summary>A fact that needs python3 and a working <c>unshare --net --pid --fork</c> (root or user namespaces); skipped elsewhere unless CHORUS_REQUIRE_EXTERNAL=1.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class IsolationFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Missing = new(Probe);

    public IsolationFactAttribute()
    {
        if (Missing.Value is { } reason && !ExternalTools.IsRequired)
        {
            Skip = $"{reason} Set {ExternalTools.RequireVariable}=1 to fail instead of skipping.";
        }
    }

    private static string? Probe()
    {
        if (ExternalTools.FindOnPath("python3") is null || ExternalTools.FindOnPath("unshare") is null)
        {
            return "python3 or unshare is not on the PATH.";
        }

        using var process = Process.Start(new ProcessStartInfo("unshare", "--net --pid --fork --kill-child true") { RedirectStandardError = true })!;
        process.WaitForExit(10_000);
        return process.ExitCode == 0 ? null : "unshare --net --pid is not permitted here.";
    }
}
