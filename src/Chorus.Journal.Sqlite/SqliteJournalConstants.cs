namespace Chorus.Journal.Sqlite;

/// <summary>The journal file's schema: names, version and the marks that tell it from other databases.</summary>
internal static class SqliteJournalConstants
{
    /// <summary>The schema version this code writes and reads.</summary>
    public const int SchemaVersion = 1;

    /// <summary>SQLite's <c>application_id</c> of a Chorus journal: "CHOR" in ASCII.</summary>
    public const int ApplicationId = 0x43484F52;

    public const string MetaTable = "chorus_journal_meta";

    public const string BranchTable = "chorus_branches";

    public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(5);

    public const string CreateSchema =
        $"""
        CREATE TABLE IF NOT EXISTS {MetaTable} (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT OR IGNORE INTO {MetaTable} (key, value) VALUES ('schema_version', '1');
        CREATE TABLE IF NOT EXISTS {BranchTable} (
            fingerprint TEXT PRIMARY KEY,
            cache_key TEXT NULL,
            label TEXT NOT NULL,
            stage TEXT NOT NULL,
            branch_index INTEGER NOT NULL,
            model TEXT NULL,
            input_tokens INTEGER NULL,
            output_tokens INTEGER NULL,
            duration_ms REAL NOT NULL,
            recorded_at TEXT NOT NULL,
            record_json TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS {BranchTable}_cache_key ON {BranchTable} (cache_key, recorded_at) WHERE cache_key IS NOT NULL;
        """;

    public const string Upsert =
        $"""
        INSERT INTO {BranchTable} (fingerprint, cache_key, label, stage, branch_index, model, input_tokens, output_tokens, duration_ms, recorded_at, record_json)
        VALUES ($fingerprint, $cache_key, $label, $stage, $index, $model, $input, $output, $duration, $recorded_at, $json)
        ON CONFLICT (fingerprint) DO UPDATE SET
            cache_key = excluded.cache_key, label = excluded.label, stage = excluded.stage, branch_index = excluded.branch_index,
            model = excluded.model, input_tokens = excluded.input_tokens, output_tokens = excluded.output_tokens,
            duration_ms = excluded.duration_ms, recorded_at = excluded.recorded_at, record_json = excluded.record_json;
        """;

    public const string FindByFingerprint = $"SELECT record_json FROM {BranchTable} WHERE fingerprint = $key;";

    public const string FindByCacheKey = $"SELECT record_json FROM {BranchTable} WHERE cache_key = $key ORDER BY recorded_at DESC LIMIT 1;";

    public const string Count = $"SELECT COUNT(*) FROM {BranchTable};";
}
