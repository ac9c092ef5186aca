using Microsoft.Extensions.AI;
using Chorus.Internal;
using Chorus.Providers;
using Chorus.Estimation;

namespace Chorus.Resilience;

/// <summary>
/// One attempt of a call: sent to the inner client with its own cancellation, timed out after <see cref="ResilienceOptions.AttemptTimeout"/>
/// from when it was admitted (sent), timed for the latency tracker, and reported to the branch when it ends, whatever the ending.
/// </summary>
internal sealed class ResilientAttempt : IDisposable
{
    private readonly ResilientChatClient _owner;
    private readonly ResilientCall _call;
    private readonly CancellationTokenSource _cts;
    private readonly ITimer? _timeout;
    private readonly TaskCompletionSource _admitted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TimeSpan _startedAt;
    private long _admittedAt;
    private long _trackId;
    private int _timedOut;
    private int _abandoned;
    private bool _streaming;
    private TimeSpan? _timeoutUsed;

    public ResilientAttempt(ResilientChatClient owner, ResilientCall call, AttemptKind kind)
    {
        _owner = owner;
        _call = call;
        Kind = kind;
        _cts = CancellationTokenSource.CreateLinkedTokenSource(call.CallerToken);
        _timeout = owner.AttemptTimeout is null ? null
            : owner.Time.CreateTimer(static s => ((ResilientAttempt)s!).OnTimeout(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _startedAt = call.Branch?.Now ?? TimeSpan.Zero;
    }

    public AttemptKind Kind { get; }

    public Task<ChatResponse> Task { get; private set; } = null!;

    /// <summary>Completes when the attempt was sent (admitted by a scheduler below, or at once without one).</summary>
    public Task Admitted => _admitted.Task;

    /// <summary>Gets how long the attempt has been in flight, zero before it was sent.</summary>
    public TimeSpan InFlight => Volatile.Read(ref _admittedAt) is var at and not 0 ? _owner.Time.GetElapsedTime(at) : TimeSpan.Zero;

    public static ResilientAttempt Start(ResilientChatClient owner, ResilientCall call, AttemptKind kind)
    {
        var attempt = new ResilientAttempt(owner, call, kind);
        attempt.Task = attempt.RunAsync();
        return attempt;
    }

    /// <summary>Cancels the attempt because another one won; it reports itself as cancelled, with its prompt's tokens estimated.</summary>
    public void Abandon()
    {
        Interlocked.Exchange(ref _abandoned, 1);
        Cancel(_cts);
    }

    /// <summary>Opens a stream and waits for its first update; the stream is then read by the caller, who calls <see cref="EndStream"/>.</summary>
    public async Task<(IAsyncEnumerator<ChatResponseUpdate> Updates, bool HasFirst)> OpenStreamAsync()
    {
        _streaming = true;
        Enter();
        IAsyncEnumerator<ChatResponseUpdate> updates = _owner.Inner.GetStreamingResponseAsync(_call.Messages, _call.Options?.Clone(), _cts.Token).GetAsyncEnumerator(_cts.Token);
        try
        {
            bool hasFirst = await updates.MoveNextAsync().ConfigureAwait(false);
            return (updates, hasFirst);
        }
        catch (Exception ex)
        {
            await updates.DisposeAsync().ConfigureAwait(false);
            throw Fail(ex);
        }
    }

    public CancellationToken Token => _cts.Token;

    /// <summary>Reports a stream that ended: <paramref name="error"/> is <see langword="null"/> when it completed.</summary>
    public Exception? EndStream(Exception? error, ChatResponseUpdate? last, UsageDetails? usage)
    {
        if (error is null)
        {
            Succeed(last?.AdditionalProperties, usage);
            return null;
        }

        return Fail(error);
    }

    public void Dispose()
    {
        _timeout?.Dispose();
        _cts.Dispose();
    }

    private async Task<ChatResponse> RunAsync()
    {
        Enter();
        try
        {
            ChatResponse response = await _owner.Inner.GetResponseAsync(_call.Messages, _call.Options?.Clone(), _cts.Token).ConfigureAwait(false);
            Succeed(response.AdditionalProperties, response.Usage);
            return response;
        }
        catch (Exception ex)
        {
            Exception error = Fail(ex);
            if (ReferenceEquals(error, ex))
            {
                throw;
            }

            throw error;
        }
    }

    /// <summary>Sets up the attempt's scope in the calling async method, so a scheduler below can say when it was sent.</summary>
    private void Enter()
    {
        AttemptScope scope = AttemptScope.Enter(OnAdmitted);
        if (!_owner.Scheduled)
        {
            scope.MarkAdmitted();
        }
    }

    private void OnAdmitted()
    {
        // The attempt is in flight from now: time queued for budget before this is reported by the scheduler as throttle wait.
        _startedAt = _call.Branch?.Now ?? TimeSpan.Zero;
        Volatile.Write(ref _admittedAt, Math.Max(1, _owner.Time.GetTimestamp()));
        Volatile.Write(ref _trackId, _owner.Tracker.Start());
        if (Kind != ResilienceConstants.Hedge)
        {
            _owner.HedgeBudget.Earn();
        }

        _timeoutUsed = _owner.AttemptTimeoutFor(_streaming);
        if (_timeoutUsed is { } timeout)
        {
            _timeout?.Change(timeout, Timeout.InfiniteTimeSpan);
        }
        _admitted.TrySetResult();
    }

    private void OnTimeout()
    {
        Interlocked.Exchange(ref _timedOut, 1);
        Cancel(_cts);
    }

    private void Succeed(AdditionalPropertiesDictionary? properties, UsageDetails? usage)
    {
        _timeout?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _owner.Tracker.Finish(Volatile.Read(ref _trackId), succeeded: true);
        int? status = properties?.TryGetValue(ProviderResponseInfo.AdditionalPropertiesKey, out object? value) == true && value is ProviderResponseInfo info ? info.StatusCode : null;
        _call.Branch?.RecordAttempt(Kind, _startedAt, AttemptStatus.Ok, httpStatus: status, usage: usage);
    }

    /// <summary>Reports a failed attempt and returns the error to throw: the attempt's own timeout becomes a <see cref="TimeoutException"/>.</summary>
    private Exception Fail(Exception ex)
    {
        _timeout?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _owner.Tracker.Finish(Volatile.Read(ref _trackId), succeeded: false);
        bool callerCancelled = _call.CallerToken.IsCancellationRequested;
        bool abandoned = Volatile.Read(ref _abandoned) == 1;
        bool timedOut = Volatile.Read(ref _timedOut) == 1 && !callerCancelled && !abandoned;
        Exception error = timedOut
            ? new TimeoutException(_timeoutUsed == _owner.AttemptTimeout
                ? $"The attempt ran past its timeout of {_owner.AttemptTimeout} ({nameof(ResilienceOptions)}.{nameof(ResilienceOptions.AttemptTimeout)})."
                : $"The attempt ran past its adaptive timeout of {_timeoutUsed} (3 × the endpoint's 99th-percentile latency; {nameof(ResilienceOptions)}.{nameof(ResilienceOptions.AdaptiveAttemptTimeout)}).", ex)
            : ex;
        bool cancelled = callerCancelled || abandoned;

        // Work cancelled after it was sent may still be billed: count the prompt as an estimate. A call never sent cost nothing.
        UsageDetails? usage = cancelled && _admitted.Task.IsCompleted ? TokenEstimator.Estimate(TokenEstimator.Count(_call.Messages), 0) : null;
        ProviderFailure? failure = cancelled ? null : _owner.Classifier.Classify(ex);
        _call.Branch?.RecordAttempt(Kind, _startedAt, FailureClassifier.Status(error, cancelled, failure), FailureClassifier.Describe(error, failure),
            failure?.StatusCode ?? (ex as ChatProviderException)?.StatusCode, usage);
        return error;
    }

    private static void Cancel(CancellationTokenSource cts)
    {
        try
        {
            cts.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The attempt already ended and was disposed: nothing left to cancel.
        }
    }
}
