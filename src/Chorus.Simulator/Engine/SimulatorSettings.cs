namespace Chorus.Simulator;

/// <summary>The validated, immutable copy of <see cref="SimulatorOptions"/> that a running simulator reads.</summary>
internal sealed class SimulatorSettings
{
    private SimulatorSettings(SimulatorOptions options, ReplayBook? replay)
    {
        Seed = options.Seed;
        Model = options.Model;
        RequestsPerMinute = options.RequestsPerMinute;
        TokensPerMinute = options.TokensPerMinute;
        BurstSeconds = options.BurstSeconds;
        LatencyMs = options.LatencyMs;
        MsPerToken = options.MsPerToken;
        LatencyJitter = options.LatencyJitter;
        Accuracy = options.Accuracy;
        JudgeAccuracy = options.JudgeAccuracy;
        FaultRates =
        [
            (SimulatedFault.ServerError, options.Fault5xxRate),
            (SimulatedFault.Hang, options.FaultHangRate),
            (SimulatedFault.Reset, options.FaultResetRate),
            (SimulatedFault.Malformed, options.FaultMalformedRate),
            (SimulatedFault.TruncatedStream, options.FaultTruncatedStreamRate),
            (SimulatedFault.MissingUsage, options.FaultMissingUsageRate),
            (SimulatedFault.EmptyChoices, options.FaultEmptyChoicesRate),
        ];
        RefusalsCount = options.RefusalsCount;
        RetryAfterStyle = options.RetryAfterStyle;
        OmitRateLimitHeaders = options.OmitRateLimitHeaders;
        QuotaRequests = options.QuotaRequests;
        BatchSlowdown = options.BatchSlowdown;
        OutageStart = options.OutageStart;
        OutageDuration = options.OutageDuration;
        RedirectStatus = options.RedirectStatus;
        Replay = replay;
        TimeProvider = options.TimeProvider ?? TimeProvider.System;
    }

    public int Seed { get; }

    public string Model { get; }

    public int? RequestsPerMinute { get; }

    public int? TokensPerMinute { get; }

    public double BurstSeconds { get; }

    public double LatencyMs { get; }

    public double MsPerToken { get; }

    public double LatencyJitter { get; }

    public double Accuracy { get; }

    public double JudgeAccuracy { get; }

    public IReadOnlyList<(SimulatedFault Fault, double Rate)> FaultRates { get; }

    public bool RefusalsCount { get; }

    public RetryAfterStyle RetryAfterStyle { get; }

    public bool OmitRateLimitHeaders { get; }

    public int? QuotaRequests { get; }

    public double BatchSlowdown { get; }

    public TimeSpan? OutageStart { get; }

    public TimeSpan OutageDuration { get; }

    public int? RedirectStatus { get; }

    public ReplayBook? Replay { get; }

    public TimeProvider TimeProvider { get; }

    /// <summary>Checks the cross-field rules, loads the replay file and copies the options.</summary>
    /// <exception cref="ArgumentException">The fault rates sum to more than 1.</exception>
    /// <exception cref="InvalidDataException">The replay file has an invalid line.</exception>
    public static SimulatorSettings From(SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        double faultSum = options.Fault5xxRate + options.FaultHangRate + options.FaultResetRate + options.FaultMalformedRate
            + options.FaultTruncatedStreamRate + options.FaultMissingUsageRate + options.FaultEmptyChoicesRate;
        if (faultSum > 1 + 1e-9)
        {
            throw new ArgumentException(
                FormattableString.Invariant($"The fault rates of {nameof(SimulatorOptions)} are exclusive and must sum to at most 1, was {faultSum}."),
                nameof(options));
        }

        ReplayBook? replay = options.ReplayFile is { } path ? ReplayBook.Load(path, options.Seed) : null;
        return new SimulatorSettings(options, replay);
    }

    /// <summary>Picks the fault for a uniform draw in [0, 1); a truncated stream only applies to streaming requests.</summary>
    public SimulatedFault PickFault(double draw, bool stream)
    {
        double edge = 0;
        foreach ((SimulatedFault fault, double rate) in FaultRates)
        {
            edge += rate;
            if (draw < edge)
            {
                return fault == SimulatedFault.TruncatedStream && !stream ? SimulatedFault.None : fault;
            }
        }

        return SimulatedFault.None;
    }
}
