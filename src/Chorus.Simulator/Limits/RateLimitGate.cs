namespace Chorus.Simulator;

/// <summary>Checks a request against the requests-per-minute and tokens-per-minute budgets and takes from both only when both fit.</summary>
/// <remarks>Thread-safe: one private lock, never held across an await.</remarks>
internal sealed class RateLimitGate
{
    private readonly object _sync = new();
    private readonly TokenBucket? _requests;
    private readonly TokenBucket? _tokens;
    private readonly string _model;
    private readonly bool _refusalsCount;

    public RateLimitGate(SimulatorSettings settings)
    {
        _model = settings.Model;
        _refusalsCount = settings.RefusalsCount;
        _requests = settings.RequestsPerMinute is { } rpm ? new TokenBucket(rpm, settings.BurstSeconds, settings.TimeProvider) : null;
        _tokens = settings.TokensPerMinute is { } tpm ? new TokenBucket(tpm, settings.BurstSeconds, settings.TimeProvider) : null;
    }

    public bool IsEnabled => _requests is not null || _tokens is not null;

    public RateLimitDecision TryAdmit(long tokenCost)
    {
        if (!IsEnabled)
        {
            return new RateLimitDecision(true, null, null, null, null, null);
        }

        lock (_sync)
        {
            _requests?.Refill();
            _tokens?.Refill();
            TimeSpan? retryAfter = null;
            string? refusedBy = null;
            string? message = null;
            if (_requests is not null && !_requests.Fits(1, out retryAfter))
            {
                refusedBy = "requests";
                message = Refusal("requests per min (RPM)", _requests, 1, retryAfter);
            }
            else if (_tokens is not null && !_tokens.Fits(tokenCost, out retryAfter))
            {
                refusedBy = "tokens";
                message = retryAfter is null
                    ? FormattableString.Invariant($"Request too large for {_model} on tokens per min (TPM): Limit {_tokens.Limit}, Requested {tokenCost}. The input or output tokens must be reduced in order to run successfully.")
                    : Refusal("tokens per min (TPM)", _tokens, tokenCost, retryAfter);
            }
            else
            {
                _requests?.Take(1);
                _tokens?.Take(tokenCost);
            }

            if (refusedBy is not null && _refusalsCount && _requests is not null)
            {
                // OpenAI: "failed requests count toward your per-minute limit". The hint then covers the debt too.
                _requests.Charge(1);
                if (refusedBy == "requests")
                {
                    _requests.Fits(1, out retryAfter);
                }
            }

            return new RateLimitDecision(refusedBy is null, refusedBy, retryAfter, message, Snapshot(_requests), Snapshot(_tokens));
        }
    }

    private string Refusal(string what, TokenBucket bucket, long requested, TimeSpan? retryAfter) =>
        FormattableString.Invariant(
            $"Rate limit reached for {_model} in organization org-chorus-sim on {what}: Limit {bucket.Limit}, Remaining {bucket.Remaining}, Requested {requested}. Please try again in {DurationFormat.Format(retryAfter ?? TimeSpan.Zero)}. (simulated)");

    private static RateLimitDecision.Budget? Snapshot(TokenBucket? bucket) =>
        bucket is null ? null : new RateLimitDecision.Budget(bucket.Limit, bucket.Remaining, bucket.UntilFull);
}
