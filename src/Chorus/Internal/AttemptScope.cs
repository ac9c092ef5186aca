using Chorus.Resilience;
using Chorus.Scheduling;

namespace Chorus.Internal;

/// <summary>
/// One attempt made by <see cref="ResilientChatClient"/>, visible to a <see cref="SchedulingChatClient"/> below it, which marks
/// when the attempt was admitted: the resilience layer times hedges and per-attempt timeouts from then, not from when the
/// attempt joined the queue, so waiting for budget never looks like a slow provider.
/// </summary>
/// <remarks>Flows with the async call like <see cref="BranchContext.Current"/>; set inside the attempt's own async method so it
/// never leaks to the caller. Thread-safe.</remarks>
internal sealed class AttemptScope
{
    private static readonly AsyncLocal<AttemptScope?> CurrentScope = new();
    private readonly Action _onAdmitted;
    private int _admitted;

    private AttemptScope(Action onAdmitted) => _onAdmitted = onAdmitted;

    public static AttemptScope? Current => CurrentScope.Value;

    /// <summary>Starts a scope for the rest of the calling async method; <paramref name="onAdmitted"/> runs once, when the attempt is sent.</summary>
    public static AttemptScope Enter(Action onAdmitted)
    {
        var scope = new AttemptScope(onAdmitted);
        CurrentScope.Value = scope;
        return scope;
    }

    /// <summary>Says the attempt was admitted and is being sent now; only the first call counts.</summary>
    public void MarkAdmitted()
    {
        if (Interlocked.Exchange(ref _admitted, 1) == 0)
        {
            _onAdmitted();
        }
    }
}
