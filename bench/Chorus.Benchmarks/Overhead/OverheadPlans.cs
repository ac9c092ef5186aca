using Chorus.Benchmarks.Support;

namespace Chorus.Benchmarks.Overhead;

/// <summary>The plan both overhead measurements run: N branches on a zero-latency client, all in flight at once.</summary>
internal static class OverheadPlans
{
    public static Plan<int> Create(int n)
    {
        var client = new ZeroLatencyChatClient();
        Branch[] branches = [.. Enumerable.Range(0, n).Select(i => new Branch($"b{i}", client, "What is 6 * 7?"))];
        return new Plan<int>($"overhead-{n}", branches, new CountingAggregator(), FailurePolicy.BestEffort, new RunLimits { MaxConcurrency = 64 });
    }
}
