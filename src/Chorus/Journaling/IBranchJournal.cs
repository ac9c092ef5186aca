namespace Chorus.Journaling;

/// <summary>A store of finished branches keyed by <see cref="BranchFingerprint"/>, so a repeated or resumed run replays them instead of paying again.</summary>
/// <remarks>
/// Set it as <see cref="PlanRunnerOptions.Journal"/>. Before a branch calls its client the runner looks its fingerprint up; on
/// a hit the recorded response is used and nothing is sent. After a branch succeeds the runner records it, before the outcome
/// reaches the aggregator. Only successful branches are recorded: failed, cancelled and interrupted ones run again.
/// Implementations must be thread-safe (branches of one run, and several runs, use one journal at once) and should make each
/// record durable before <see cref="RecordAsync"/> completes. A journal that throws never fails a branch: the runner notes a
/// <c>journal_error</c> event and carries on without it.
/// </remarks>
public interface IBranchJournal
{
    /// <summary>Looks up a finished branch by its fingerprint.</summary>
    /// <param name="fingerprint">The branch's <see cref="BranchFingerprint.ForBranch"/> key.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The record, or <see langword="null"/> when the branch has not finished before.</returns>
    Task<JournalRecord?> FindAsync(string fingerprint, CancellationToken cancellationToken = default);

    /// <summary>Looks up any finished branch that sent the same deterministic request, whatever its sample (cache mode).</summary>
    /// <param name="cacheKey">The request's <see cref="BranchFingerprint.CacheKeyFor"/> key.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The most recent such record, or <see langword="null"/>.</returns>
    Task<JournalRecord?> FindCachedAsync(string cacheKey, CancellationToken cancellationToken = default);

    /// <summary>Records a finished branch; a second record with the same fingerprint replaces the first.</summary>
    /// <param name="record">The record.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>A task that completes when the record is stored.</returns>
    Task RecordAsync(JournalRecord record, CancellationToken cancellationToken = default);
}
