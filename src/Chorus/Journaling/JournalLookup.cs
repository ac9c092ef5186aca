namespace Chorus.Journaling;

/// <summary>A branch's journal keys and what the journal held for them.</summary>
internal readonly record struct JournalLookup(string Fingerprint, string? CacheKey, JournalRecord? Record, ReplaySource Source);
