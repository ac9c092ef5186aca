using System.Runtime.ExceptionServices;
using Microsoft.Extensions.AI;
using Chorus.Providers;

namespace Chorus.Resilience;

/// <summary>The state of one call through <see cref="ResilientChatClient"/>: its groups of attempts (the first call, then each retry,
/// each possibly hedged), the next retry delay and why.</summary>
internal sealed class ResilientCall(ResilientChatClient owner, IReadOnlyList<ChatMessage> messages, ChatOptions? options, BranchContext? branch, CancellationToken callerToken)
{
    private int _groups;
    private long _firstStartedAt;
    private long _lastFailedAt;
    private TimeSpan? _previousJitter;
    private string _waitReason = "backoff";

    public IReadOnlyList<ChatMessage> Messages { get; } = messages;

    public ChatOptions? Options { get; } = options;

    public BranchContext? Branch { get; } = branch;

    public CancellationToken CallerToken { get; } = callerToken;

    /// <summary>Gets the delay before the next retry, decided by <see cref="ShouldRetry"/>.</summary>
    public TimeSpan NextDelay { get; private set; }

    /// <summary>Decides whether to retry after <paramref name="error"/> and how long to wait: decorrelated jitter, never less than
    /// <c>Retry-After</c>, and never past <see cref="ResilienceOptions.MaxRetryTime"/> from the first attempt.</summary>
    public bool ShouldRetry(Exception? error)
    {
        if (error is null || CallerToken.IsCancellationRequested || owner.Classifier.Classify(error) is not { IsTransient: true } failure)
        {
            return false;
        }

        // An absurd hint (retry-after: 99999) is capped; the wait is explained on the branch's timeline and progress line.
        TimeSpan? asked = failure.RetryAfter;
        TimeSpan? retryAfter = asked > owner.MaxRetryAfter ? owner.MaxRetryAfter : asked;
        TimeSpan jitter = RetryDelayHelper.Next(_previousJitter, owner.BaseDelay, owner.MaxDelay, owner.NextRandom(), null);
        TimeSpan delay = retryAfter is { } hint && hint > jitter ? hint : jitter;
        if (owner.Time.GetElapsedTime(_firstStartedAt) + delay > owner.MaxRetryTime)
        {
            if (delay == retryAfter)
            {
                Branch?.RecordEvent(TimelineEventKind.GaveUp, FormattableString.Invariant(
                    $"not retrying: the provider asked to wait {asked!.Value.TotalSeconds:0.#} s, past the retry time of {owner.MaxRetryTime} ({nameof(ResilienceOptions)}.{nameof(ResilienceOptions.MaxRetryTime)})"));
            }

            return false;
        }

        if (delay == retryAfter && delay >= ResilienceConstants.ExplainedWait)
        {
            Branch?.RecordEvent(TimelineEventKind.Waiting, RetryDelayHelper.Explain(owner.Time.GetLocalNow() + delay, asked!.Value, delay < asked));
        }

        _previousJitter = jitter;
        NextDelay = delay;
        _waitReason = failure.Kind == ProviderErrorKind.RateLimited
            ? delay == retryAfter ? "retry-after" : "backoff after 429"
            : "backoff";
        return true;
    }

    /// <summary>Runs one group: the first call or a retry, hedged when hedging is on.</summary>
    public async ValueTask<ChatResponse> RunGroupAsync()
    {
        AttemptKind kind = BeginGroup();
        try
        {
            return owner.Hedging ? await HedgedAsync(kind).ConfigureAwait(false) : await SingleAsync(kind).ConfigureAwait(false);
        }
        catch
        {
            _lastFailedAt = owner.Time.GetTimestamp();
            throw;
        }
    }

    /// <summary>Opens a stream for one group (no hedging: a stream's first answer cannot be raced without paying for both).</summary>
    public async ValueTask<StreamStart> OpenStreamAsync()
    {
        AttemptKind kind = BeginGroup();
        var attempt = new ResilientAttempt(owner, this, kind);
        try
        {
            (IAsyncEnumerator<ChatResponseUpdate> updates, bool hasFirst) = await attempt.OpenStreamAsync().ConfigureAwait(false);
            return new StreamStart(attempt, updates, hasFirst);
        }
        catch
        {
            attempt.Dispose();
            _lastFailedAt = owner.Time.GetTimestamp();
            throw;
        }
    }

    private AttemptKind BeginGroup()
    {
        long now = owner.Time.GetTimestamp();
        if (_groups++ == 0)
        {
            _firstStartedAt = now;
            return ResilienceConstants.Call;
        }

        Branch?.RecordThrottleWait(owner.Time.GetElapsedTime(_lastFailedAt, now), _waitReason);
        return ResilienceConstants.Retry;
    }

    private async Task<ChatResponse> SingleAsync(AttemptKind kind)
    {
        using ResilientAttempt attempt = ResilientAttempt.Start(owner, this, kind);
        return await attempt.Task.ConfigureAwait(false);
    }

    /// <summary>Sends the attempt and, if it runs past the learned latency percentile and the budget allows, a hedge; the first
    /// answer wins and the other is cancelled and awaited, so its cost is reported before the call returns.</summary>
    private async Task<ChatResponse> HedgedAsync(AttemptKind kind)
    {
        ResilientAttempt primary = ResilientAttempt.Start(owner, this, kind);
        ResilientAttempt? hedge = null;
        try
        {
            hedge = await WaitForHedgeAsync(primary).ConfigureAwait(false);
            return hedge is null ? await primary.Task.ConfigureAwait(false) : await RaceAsync(primary, hedge).ConfigureAwait(false);
        }
        finally
        {
            primary.Dispose();
            hedge?.Dispose();
        }
    }

    /// <summary>Waits until the primary ends (<see langword="null"/>) or has run past the threshold and a hedge was launched.</summary>
    private async Task<ResilientAttempt?> WaitForHedgeAsync(ResilientAttempt primary)
    {
        while (!primary.Task.IsCompleted)
        {
            if (!primary.Admitted.IsCompleted)
            {
                await Task.WhenAny(primary.Task, primary.Admitted).ConfigureAwait(false);
                continue;
            }

            (TimeSpan? threshold, Task changed) = owner.Tracker.Snapshot();
            TimeSpan? due = threshold - primary.InFlight;
            if (due <= TimeSpan.Zero)
            {
                if (!owner.HedgeBudget.TrySpend())
                {
                    return null;
                }

                Branch?.RecordHedge(won: false);
                return ResilientAttempt.Start(owner, this, ResilienceConstants.Hedge);
            }

            using var stopTimer = new CancellationTokenSource();
            Task timer = due is { } d ? Task.Delay(d, owner.Time, stopTimer.Token) : Task.Delay(Timeout.InfiniteTimeSpan, stopTimer.Token);
            await Task.WhenAny(primary.Task, changed, timer).ConfigureAwait(false);
            await stopTimer.CancelAsync().ConfigureAwait(false);
        }

        return null;
    }

    private async Task<ChatResponse> RaceAsync(ResilientAttempt primary, ResilientAttempt hedge)
    {
        Task<ChatResponse> firstDone = await Task.WhenAny(primary.Task, hedge.Task).ConfigureAwait(false);
        ResilientAttempt first = firstDone == primary.Task ? primary : hedge;
        ResilientAttempt other = first == primary ? hedge : primary;
        ResilientAttempt winner;
        if (first.Task.IsCompletedSuccessfully)
        {
            winner = first;
        }
        else
        {
            Exception error = await ErrorOf(first.Task).ConfigureAwait(false) ?? new InvalidOperationException("The attempt failed without an error.");
            if (!owner.Classifier.IsEndpointFailure(error, CallerToken))
            {
                // A 429, an invalid request or the caller's cancellation: the other attempt will not do better.
                other.Abandon();
                await ErrorOf(other.Task).ConfigureAwait(false);
                ExceptionDispatchInfo.Throw(error);
            }

            Exception? otherError = await ErrorOf(other.Task).ConfigureAwait(false);
            if (otherError is not null)
            {
                ExceptionDispatchInfo.Throw(otherError);
            }

            winner = other;
        }

        ResilientAttempt loser = winner == primary ? hedge : primary;
        if (!loser.Task.IsCompleted)
        {
            loser.Abandon();
            await ErrorOf(loser.Task).ConfigureAwait(false);
        }

        if (winner == hedge)
        {
            Branch?.RecordHedge(won: true);
        }

        return await winner.Task.ConfigureAwait(false);
    }

    private static async Task<Exception?> ErrorOf(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
            return null;
        }
#pragma warning disable CA1031 // The error is returned to the caller, who decides.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return ex;
        }
    }

    /// <summary>An opened stream: its attempt (to report when it ends), its updates, and whether a first update arrived.</summary>
    internal sealed record StreamStart(ResilientAttempt Attempt, IAsyncEnumerator<ChatResponseUpdate> Updates, bool HasFirst);
}
