using System.CommandLine;
using Chorus.Simulator;

namespace Chorus.Cli;

/// <summary>The flags of <c>chorus sim</c>, bound to <see cref="SimulatorOptions"/>.</summary>
internal sealed class SimulatorFlags
{
    public Option<int> Port { get; } = new("--port") { Description = "Port on 127.0.0.1; 0 picks a free one.", DefaultValueFactory = _ => 0 };
    public Option<int> Seed { get; } = new("--seed") { Description = "Seed: the same seed and requests give the same answers.", DefaultValueFactory = _ => 42 };
    public Option<int?> Rpm { get; } = new("--rpm") { Description = "Requests per minute before 429s (refills continuously, like OpenAI)." };
    public Option<int?> Tpm { get; } = new("--tpm") { Description = "Tokens per minute before 429s." };
    public Option<double?> BurstSeconds { get; } = new("--burst-s") { Description = "Seconds of budget a bucket holds (default 1)." };
    public Option<double?> LatencyMs { get; } = new("--latency-ms") { Description = "Mean time to first token, ms." };
    public Option<double?> MsPerToken { get; } = new("--ms-per-token") { Description = "Time per output token, ms." };
    public Option<double?> Accuracy { get; } = new("--accuracy") { Description = "Probability that a question with a known answer is answered correctly." };
    public Option<double?> Fault5xx { get; } = new("--fault-5xx") { Description = "Rate of HTTP 500 answers, 0..1." };
    public Option<double?> FaultHang { get; } = new("--fault-hang") { Description = "Rate of requests never answered, 0..1." };
    public Option<double?> FaultReset { get; } = new("--fault-reset") { Description = "Rate of connection resets, 0..1." };
    public Option<double?> FaultMalformed { get; } = new("--fault-malformed") { Description = "Rate of malformed JSON bodies, 0..1." };
    public Option<double?> FaultTruncated { get; } = new("--fault-truncated") { Description = "Rate of SSE streams cut short, 0..1." };
    public Option<double?> FaultNoUsage { get; } = new("--fault-no-usage") { Description = "Rate of responses without usage, 0..1." };
    public Option<bool> RefusalsCount { get; } = new("--refusals-count") { Description = "Refused requests count against the RPM budget, as OpenAI documents." };
    public Option<RetryAfterStyle> RetryAfter { get; } = EnumOption.Create("--retry-after", "How a 429 says when to retry.", RetryAfterStyle.SecondsAndMilliseconds);
    public Option<bool> NoRateLimitHeaders { get; } = new("--no-ratelimit-headers") { Description = "Send no x-ratelimit-* headers (limits still enforced)." };
    public Option<int?> QuotaRequests { get; } = new("--quota-requests") { Description = "Requests admitted before every request gets a 429 insufficient_quota." };
    public Option<double?> BatchSlowdown { get; } = new("--batch-slowdown") { Description = "Latency × (1 + this × (requests in flight − 1)), as a batching server." };
    public Option<double?> OutageAtSeconds { get; } = new("--outage-at-s") { Description = "Seconds after start when an outage (HTTP 503 to everything) begins." };
    public Option<double?> OutageSeconds { get; } = new("--outage-s") { Description = "How long the outage lasts, seconds (default 5)." };
    public Option<int?> Redirect { get; } = new("--redirect") { Description = "Answer every chat request with this 3xx status (301, 302, 303, 307, 308)." };
    public Option<FileInfo?> Replay { get; } = new("--replay") { Description = "JSONL of recorded outputs (id, question, samples[]) to replay." };

    public IEnumerable<Option> All => [Port, Seed, Rpm, Tpm, BurstSeconds, LatencyMs, MsPerToken, Accuracy, Fault5xx, FaultHang, FaultReset, FaultMalformed, FaultTruncated, FaultNoUsage,
        RefusalsCount, RetryAfter, NoRateLimitHeaders, QuotaRequests, BatchSlowdown, OutageAtSeconds, OutageSeconds, Redirect, Replay];

    /// <summary>Builds the options; an out-of-range value becomes a usage error naming the flag.</summary>
    public SimulatorOptions Bind(ParseResult parse)
    {
        var options = new SimulatorOptions { Seed = parse.GetValue(Seed) };
        Set(parse, Rpm, v => options.RequestsPerMinute = v);
        Set(parse, Tpm, v => options.TokensPerMinute = v);
        Set(parse, BurstSeconds, v => options.BurstSeconds = v!.Value);
        Set(parse, LatencyMs, v => options.LatencyMs = v!.Value);
        Set(parse, MsPerToken, v => options.MsPerToken = v!.Value);
        Set(parse, Accuracy, v => options.Accuracy = v!.Value);
        Set(parse, Fault5xx, v => options.Fault5xxRate = v!.Value);
        Set(parse, FaultHang, v => options.FaultHangRate = v!.Value);
        Set(parse, FaultReset, v => options.FaultResetRate = v!.Value);
        Set(parse, FaultMalformed, v => options.FaultMalformedRate = v!.Value);
        Set(parse, FaultTruncated, v => options.FaultTruncatedStreamRate = v!.Value);
        Set(parse, FaultNoUsage, v => options.FaultMissingUsageRate = v!.Value);
        options.RefusalsCount = parse.GetValue(RefusalsCount);
        options.RetryAfterStyle = parse.GetValue(RetryAfter);
        options.OmitRateLimitHeaders = parse.GetValue(NoRateLimitHeaders);
        Set(parse, QuotaRequests, v => options.QuotaRequests = v);
        Set(parse, BatchSlowdown, v => options.BatchSlowdown = v!.Value);
        Set(parse, OutageAtSeconds, v => options.OutageStart = TimeSpan.FromSeconds(v!.Value));
        Set(parse, OutageSeconds, v => options.OutageDuration = TimeSpan.FromSeconds(v!.Value));
        Set(parse, Redirect, v => options.RedirectStatus = v);
        Set(parse, Replay, v => options.ReplayFile = v!.Exists ? v.FullName : throw new CliUsageException($"--replay: file '{v.FullName}' does not exist."));
        return options;
    }

    private static void Set<T>(ParseResult parse, Option<T> option, Action<T> apply)
    {
        T? value = parse.GetValue(option);
        if (value is null)
        {
            return;
        }

        try
        {
            apply(value);
        }
        catch (ArgumentException ex)
        {
            throw new CliUsageException($"{option.Name} {value}: {ex.Message.Split(" (Parameter")[0]}");
        }
    }
}
