using Chorus.Journaling;

namespace Chorus.Journal.CrashHost;

/// <summary>Passes everything to the real journal and prints a line once each record is stored.</summary>
internal sealed class AnnouncingJournal(IBranchJournal inner) : IBranchJournal
{
    public Task<JournalRecord?> FindAsync(string fingerprint, CancellationToken cancellationToken = default) => inner.FindAsync(fingerprint, cancellationToken);

    public Task<JournalRecord?> FindCachedAsync(string cacheKey, CancellationToken cancellationToken = default) => inner.FindCachedAsync(cacheKey, cancellationToken);

    public async Task RecordAsync(JournalRecord record, CancellationToken cancellationToken = default)
    {
        await inner.RecordAsync(record, cancellationToken);
        Console.Out.WriteLine("recorded " + record.Label);
    }
}
