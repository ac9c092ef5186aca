namespace Chorus;

/// <summary>
/// One attempt made by <c>ResilientChatClient</c>, visible to a <see cref="SchedulingChatClient"/> below it, which marks
/// when the attempt was admitted: the resilience layer times hedges and per-attempt timeouts from then, not from when the
/// attempt joined the queue, so waiting for budget never looks like a slow provider.
/// </summary>
/// <remarks>Flows with the async call like <see cref="BranchContext.Current"/>; set inside the attempt's own async method so it
/// never leaks to the caller. Thread-safe.</remarks>
internal sealed class AttemptScope
{
    private static readonly AsyncLocal<AttemptScope?> CurrentScope = new();
    private readonly TaskCompletionSource _admitted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static AttemptScope? Current => CurrentScope.Value;

    /// <summary>Completes when a scheduler admitted the attempt.</summary>
    public Task Admitted => _admitted.Task;

    /// <summary>Starts a scope for the rest of the calling async method.</summary>
    public static AttemptScope Enter()
    {
        var scope = new AttemptScope();
        CurrentScope.Value = scope;
        return scope;
    }

    public void MarkAdmitted() => _admitted.TrySetResult();
}
