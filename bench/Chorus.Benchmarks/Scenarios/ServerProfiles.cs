using Chorus.Simulator;

namespace Chorus.Benchmarks.Scenarios;

/// <summary>The provider semantics of issue 13 as simulator settings, applied on top of a scenario's own (limits, latency, faults).</summary>
internal static class ServerProfiles
{
    public static readonly IReadOnlyDictionary<string, Action<SimulatorOptions>> All = new Dictionary<string, Action<SimulatorOptions>>
    {
        ["openai"] = _ => { },
        ["burst-0.1s"] = o => o.BurstSeconds = 0.1,
        ["burst-5s"] = o => o.BurstSeconds = 5,
        ["burst-60s"] = o => o.BurstSeconds = 60,
        ["refusals-count"] = o => o.RefusalsCount = true,
        ["retry-after-seconds"] = o => o.RetryAfterStyle = RetryAfterStyle.Seconds,
        ["retry-after-date"] = o => o.RetryAfterStyle = RetryAfterStyle.HttpDate,
        ["retry-after-none"] = o => o.RetryAfterStyle = RetryAfterStyle.None,
        ["no-headers"] = o => { o.OmitRateLimitHeaders = true; o.RetryAfterStyle = RetryAfterStyle.None; },
        ["batching"] = o => o.BatchSlowdown = 0.02,
        ["outage"] = o => { o.OutageStart = TimeSpan.FromSeconds(0.5); o.OutageDuration = TimeSpan.FromSeconds(3); },
        ["quota"] = o => o.QuotaRequests = 0,
        ["redirect"] = o => o.RedirectStatus = 308,
    };

    public static SimulatorOptions Apply(SimulatorOptions options, string profile)
    {
        All[profile](options);
        return options;
    }
}
