using System.Globalization;

namespace Chorus.Journal.CrashHost;

/// <summary>The labels and questions of the crash plan, shared with the tests that read the simulator's per-question counters.</summary>
public static class CrashPlan
{
    public static string Label(int index) => string.Create(CultureInfo.InvariantCulture, $"q-{index:00}");

    /// <summary>Distinct and under the simulator's 120-character question key, so its counters count each branch apart.</summary>
    public static string Question(string prefix, int index) => string.Create(CultureInfo.InvariantCulture, $"{prefix} {index}: describe the number {index} in a few words.");
}
