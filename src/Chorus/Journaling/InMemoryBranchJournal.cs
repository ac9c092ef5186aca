using System.Collections.Concurrent;

namespace Chorus.Journaling;

/// <summary>An <see cref="IBranchJournal"/> in memory: replays finished branches within one process (tests, a long-lived service's cache).</summary>
/// <remarks>
/// Thread-safe. Records are kept as JSON (<see cref="JournalRecordJson"/>), so every lookup returns new instances and a
/// replay looks exactly like one from a durable journal. Nothing survives the process; use <c>Chorus.Journal.Sqlite</c> for that.
/// </remarks>
public sealed class InMemoryBranchJournal : IBranchJournal
{
    private readonly ConcurrentDictionary<string, string> _byFingerprint = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _byCacheKey = new(StringComparer.Ordinal);

    /// <summary>Gets the number of finished branches recorded.</summary>
    public int Count => _byFingerprint.Count;

    /// <inheritdoc />
    public Task<JournalRecord?> FindAsync(string fingerprint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_byFingerprint.TryGetValue(fingerprint, out string? json) ? JournalRecordJson.Deserialize(json) : null);
    }

    /// <inheritdoc />
    public Task<JournalRecord?> FindCachedAsync(string cacheKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cacheKey);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_byCacheKey.TryGetValue(cacheKey, out string? json) ? JournalRecordJson.Deserialize(json) : null);
    }

    /// <inheritdoc />
    public Task RecordAsync(JournalRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        cancellationToken.ThrowIfCancellationRequested();
        string json = JournalRecordJson.Serialize(record);
        _byFingerprint[record.Fingerprint] = json;
        if (record.CacheKey is { } key)
        {
            _byCacheKey[key] = json;
        }

        return Task.CompletedTask;
    }
}
