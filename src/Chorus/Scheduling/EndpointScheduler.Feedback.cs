using Microsoft.Extensions.AI;
using Chorus.Providers;

namespace Chorus.Scheduling;

public sealed partial class EndpointScheduler
{
    internal void OnSucceeded(SchedulerLease lease, RateLimitSignals? signals, UsageDetails? usage)
    {
        List<Grant>? grants;
        lock (_sync)
        {
            long now = _time.GetTimestamp();
            Reconcile(lease, usage, now);
            _window.OnSuccess();
            if (signals is not null)
            {
                Learn(lease, signals, now);
                BackOffIfLow(lease, signals, now);
            }

            if (signals is null || signals.IsEmpty)
            {
                SizeFromHeaderlessAnswer();
            }

            grants = Pump(now);
        }

        Complete(grants);
    }

    internal void OnRateLimited(SchedulerLease lease, TimeSpan? retryAfter, RateLimitSignals signals)
    {
        List<Grant>? grants;
        lock (_sync)
        {
            long now = _time.GetTimestamp();
            TimeSpan pause = retryAfter ?? _defaultRetryAfter;
            long until = now + ToTicks(pause > _maxRetryAfter ? _maxRetryAfter : pause);
            _pausedUntil = Math.Max(_pausedUntil, until);

            _congestionSeen = true;

            // The provider did not count a refused call: calls admitted after an answer must not include it when learning from
            // that answer's "remaining", or the learned budget starts short by every refusal of the first wave.
            _admitted--;
            _admittedTokens -= lease.Request.Tokens;

            // One congestion event per round: 429s for calls admitted before the last cut say nothing new.
            if (lease.AdmittedAt > _lastDecreaseAt)
            {
                _window.OnCongestion();
                _lastDecreaseAt = now;
            }

            // A refused call consumed no budget at the provider, but our buckets were too optimistic: believe what it reports.
            Learn(lease, signals, now);
            if (signals.RemainingRequests is { } requestsLeft)
            {
                _requests?.LowerTo(requestsLeft, now);

                // Requests ran out, and the hint says when one more fits: that is the provider's own level, below zero when it counts
                // refused calls (OpenAI does). Mirror it, or the calls released after the pause are refused again and dig deeper.
                if (requestsLeft <= 0 && retryAfter is { } hint && _requests is { } bucket)
                {
                    bucket.LowerTo(1 - (Math.Min(hint.TotalSeconds, _maxRetryAfter.TotalSeconds) * bucket.PerSecond), now);
                }
            }

            if (signals.RemainingTokens is { } tokensLeft)
            {
                _tokens?.LowerTo(tokensLeft, now);
            }

            grants = Pump(now);
        }

        Complete(grants);
    }

    /// <summary>A success that says the budget is almost gone (<c>x-ratelimit-remaining-*</c> under 2 % of the limit) is congestion
    /// too, while no budget is known to pace the calls: cut the window before the 429s come. Under the lock.</summary>
    private void BackOffIfLow(SchedulerLease lease, RateLimitSignals signals, long now)
    {
        static bool Low(long? remaining, long? limit) =>
            remaining is { } r && (r <= 0 || (limit is { } l && r < l * EndpointSchedulerConstants.LowRemainingShare));

        if (_requests is null && _tokens is null && lease.AdmittedAt > _lastDecreaseAt
            && (Low(signals.RemainingRequests, signals.LimitRequests) || Low(signals.RemainingTokens, signals.LimitTokens)))
        {
            _window.OnCongestion();
            _lastDecreaseAt = now;
            _congestionSeen = true;
        }
    }

    /// <summary>An answer that says nothing about limits, before any sign of congestion: the endpoint likely enforces none, so the
    /// window is sized from it at once (four times the initial window) instead of growing one call per answer. A 429 still halves it.
    /// Under the lock.</summary>
    private void SizeFromHeaderlessAnswer()
    {
        if (_sizedFromAnswer || _congestionSeen || _learnedOnce || _requests is not null || _tokens is not null)
        {
            return;
        }

        _sizedFromAnswer = true;
        _window.Widen(_initialConcurrency * EndpointSchedulerConstants.HeaderlessWindowFactor);
    }

    internal void OnUnsent(SchedulerLease lease)
    {
        List<Grant>? grants;
        lock (_sync)
        {
            long now = _time.GetTimestamp();
            _requests?.Adjust(1, now);
            _tokens?.Adjust(lease.Request.Tokens, now);
            grants = Pump(now);
        }

        Complete(grants);
    }

    /// <summary>Charges the difference between the estimate and what the provider reports. Under the lock.</summary>
    /// <remarks>Providers charge a call's max tokens in full when it sets them, so only the prompt is corrected then;
    /// otherwise the real output replaces the running-average guess, and the average learns from it.</remarks>
    private void Reconcile(SchedulerLease lease, UsageDetails? usage, long now)
    {
        if (usage is null)
        {
            return;
        }

        SchedulerRequest request = lease.Request;
        long input = usage.InputTokenCount ?? request.InputTokens;
        long output = request.OutputIsCap ? request.OutputTokensPerSample * request.Samples : usage.OutputTokenCount ?? request.OutputTokensPerSample * request.Samples;
        if (!request.OutputIsCap && usage.OutputTokenCount is { } observed)
        {
            double perSample = (double)observed / Math.Max(1, request.Samples);
            _averageOutput += EndpointSchedulerConstants.OutputAverageWeight * (perSample - _averageOutput);
        }

        _tokens?.Adjust(request.Tokens - (input + output), now);
    }

    /// <summary>Builds a budget that is not configured from the provider's headers, or rebuilds it when the provider's limit changed.</summary>
    private void Learn(SchedulerLease lease, RateLimitSignals signals, long now)
    {
        if (!_learn)
        {
            return;
        }

        bool learned = false;
        if (!_requestsConfigured && signals.LimitRequests is { } requestLimit && requestLimit > 0 && _requests?.LimitPerMinute != requestLimit)
        {
            // Calls admitted after this one may not be counted in its "remaining" yet.
            double since = Math.Max(0, _admitted - lease.Sequence);
            _requests = LearnedBucket(requestLimit, signals.RemainingRequests, signals.ResetRequests, since, lease.AdmittedAt, now);
            learned = true;
        }

        if (!_tokensConfigured && signals.LimitTokens is { } tokenLimit && tokenLimit > 0 && _tokens?.LimitPerMinute != tokenLimit)
        {
            double since = Math.Max(0, _admittedTokens - lease.TokensAdmittedBefore);
            _tokens = LearnedBucket(tokenLimit, signals.RemainingTokens, signals.ResetTokens, since, lease.AdmittedAt, now);
            learned = true;
        }

        if (learned && !_learnedOnce)
        {
            // The budgets now pace the calls; the slow start has done its job.
            _learnedOnce = true;
            _window.Open();
        }
    }

    private ReplenishingBucket LearnedBucket(long limit, long? remaining, TimeSpan? reset, double admittedSince, long admittedAt, long now)
    {
        double capacity = LimitLearning.Capacity(limit, remaining, reset);
        double level = LimitLearning.Level(limit, capacity, remaining, _time.GetElapsedTime(admittedAt, now), admittedSince);
        return new ReplenishingBucket(limit, capacity, level, now, _time);
    }

    private long ToTicks(TimeSpan span) => (long)Math.Ceiling(span.TotalSeconds * _time.TimestampFrequency);
}
