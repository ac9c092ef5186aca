using Chorus.Providers;

namespace Chorus.Scheduling;

public sealed partial class EndpointScheduler
{
    // Set once, when the provider says the account's quota is gone: every call waiting or still to come fails with it at once.
    private ChatProviderException? _quotaExhausted;

    /// <summary>Gets a value indicating whether the provider said the account's quota is exhausted (<c>insufficient_quota</c>); from
    /// then on every call fails fast instead of being sent.</summary>
    public bool IsQuotaExhausted
    {
        get
        {
            lock (_sync)
            {
                return _quotaExhausted is not null;
            }
        }
    }

    /// <summary>The provider refused a call for an exhausted quota: fail every waiter now, and every later call before it is sent.</summary>
    internal void OnQuotaExceeded(Exception cause)
    {
        var failed = new List<Waiter>();
        ChatProviderException error;
        lock (_sync)
        {
            _quotaExhausted ??= new ChatProviderException(
                "The endpoint's quota is exhausted (insufficient_quota): the provider refused a call because the account has no quota or "
                + "credit left, so no retry can succeed. Add credit or raise the quota, then run again. The provider said: " + cause.Message,
                ProviderErrorKind.QuotaExceeded,
                429,
                innerException: cause);
            error = _quotaExhausted;
            while (_queue.TryPeek(out FairQueue<Waiter>.Entry? head))
            {
                _queue.DequeueHead(head!);
                failed.Add(head!.Item);
            }
        }

        foreach (Waiter waiter in failed)
        {
            waiter.Signal.TrySetException(Copy(error));
        }
    }

    /// <summary>Throws when the quota is known to be exhausted. Under the lock.</summary>
    private void ThrowIfQuotaExhausted()
    {
        if (_quotaExhausted is { } error)
        {
            throw Copy(error);
        }
    }

    // Each failed call gets its own exception: one instance thrown on many threads would share (and garble) its stack trace.
    private static ChatProviderException Copy(ChatProviderException error) =>
        new(error.Message, error.Kind, error.StatusCode, error.ErrorBody, error.RateLimits, error.InnerException);
}
