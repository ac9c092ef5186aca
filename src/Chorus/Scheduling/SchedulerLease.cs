using Microsoft.Extensions.AI;
using Chorus.Providers;

namespace Chorus.Scheduling;

/// <summary>
/// One admitted call: holds a concurrency slot until disposed, and tells the scheduler how the call went so it can reconcile
/// tokens, learn limits and adapt its window. Each report is taken once; disposing releases the slot once.
/// </summary>
internal sealed class SchedulerLease : IDisposable
{
    private readonly EndpointScheduler _owner;
    private int _released;
    private int _settled;

    public SchedulerLease(EndpointScheduler owner, SchedulerRequest request, long admittedAt, long sequence, double tokensAdmittedAfter, TimeSpan wait, SchedulerBlock blockedBy)
    {
        _owner = owner;
        Request = request;
        AdmittedAt = admittedAt;
        Sequence = sequence;
        TokensAdmittedBefore = tokensAdmittedAfter;
        Wait = wait;
        BlockedBy = blockedBy;
    }

    public SchedulerRequest Request { get; }

    /// <summary>Gets the timestamp at which the call was admitted.</summary>
    public long AdmittedAt { get; }

    /// <summary>Gets the count of calls admitted before and including this one: later admissions are what the provider's
    /// <c>remaining</c> header of this call does not yet count.</summary>
    public long Sequence { get; }

    /// <summary>Gets the tokens admitted before and including this one.</summary>
    public double TokensAdmittedBefore { get; }

    /// <summary>Gets how long the call waited to be admitted.</summary>
    public TimeSpan Wait { get; }

    /// <summary>Gets what kept it waiting.</summary>
    public SchedulerBlock BlockedBy { get; }

    /// <summary>The call was answered: reconcile its tokens with <paramref name="usage"/>, learn from <paramref name="signals"/>, grow the window.</summary>
    public void Succeeded(RateLimitSignals? signals, UsageDetails? usage)
    {
        if (Interlocked.Exchange(ref _settled, 1) == 0)
        {
            _owner.OnSucceeded(this, signals, usage);
        }
    }

    /// <summary>The provider refused the call (429): pause admissions and shrink the window.</summary>
    public void RateLimited(TimeSpan? retryAfter, RateLimitSignals signals)
    {
        if (Interlocked.Exchange(ref _settled, 1) == 0)
        {
            _owner.OnRateLimited(this, retryAfter, signals);
        }
    }

    /// <summary>The call was never sent (cancelled right after admission): give back what it took.</summary>
    public void Unsent()
    {
        if (Interlocked.Exchange(ref _settled, 1) == 0)
        {
            _owner.OnUnsent(this);
        }
    }

    /// <summary>Releases the concurrency slot. A call that failed otherwise keeps its charge: the provider may have billed it.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            _owner.Release();
        }
    }
}
