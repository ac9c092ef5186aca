using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Chorus.Journal.Sqlite;

/// <summary>Checks a file before the journal touches it, and creates the schema in a new or empty one.</summary>
internal static class SqliteJournalSchema
{
    /// <summary>Sets the per-connection settings: how long to wait for a lock, and full sync so a committed row survives a crash.</summary>
    public static void Configure(SqliteConnection connection, TimeSpan busyTimeout)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = string.Create(
            CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds}; PRAGMA synchronous = FULL;");
        command.ExecuteNonQuery();
    }

    /// <summary>Refuses a foreign or newer file without writing to it; initializes a new or empty one.</summary>
    public static void Open(SqliteConnection connection, string path)
    {
        // Reading first: an existing journal is opened without taking the write lock, so a busy writer elsewhere does not block it.
        long applicationId = Scalar(connection, "PRAGMA application_id;");
        List<string> tables = Tables(connection);
        if (applicationId != 0 && applicationId != SqliteJournalConstants.ApplicationId)
        {
            throw SqliteJournalErrors.Foreign(path, tables);
        }

        bool ours = tables.Contains(SqliteJournalConstants.MetaTable, StringComparer.Ordinal);
        if (!ours && tables.Count > 0)
        {
            throw SqliteJournalErrors.Foreign(path, tables);
        }

        if (ours && applicationId == SqliteJournalConstants.ApplicationId && tables.Contains(SqliteJournalConstants.BranchTable, StringComparer.Ordinal))
        {
            CheckVersion(connection, path);
            return;
        }

        Initialize(connection, path);
    }

    private static void Initialize(SqliteConnection connection, string path)
    {
        using (SqliteCommand wal = connection.CreateCommand())
        {
            // Persistent in the file: every later connection, in any process, uses WAL.
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            wal.ExecuteNonQuery();
        }

        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);

        // Another process may have created the schema, or put other tables in, while we waited for the lock: look again.
        List<string> tables = Tables(connection, transaction);
        if (tables.Count > 0 && !tables.Contains(SqliteJournalConstants.MetaTable, StringComparer.Ordinal))
        {
            throw SqliteJournalErrors.Foreign(path, tables);
        }

        using (SqliteCommand create = connection.CreateCommand())
        {
            create.Transaction = transaction;
            create.CommandText = SqliteJournalConstants.CreateSchema
                + string.Create(CultureInfo.InvariantCulture, $"PRAGMA application_id = {SqliteJournalConstants.ApplicationId};");
            create.ExecuteNonQuery();
        }

        CheckVersion(connection, path, transaction);
        transaction.Commit();
    }

    private static void CheckVersion(SqliteConnection connection, string path, SqliteTransaction? transaction = null)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT value FROM {SqliteJournalConstants.MetaTable} WHERE key = 'schema_version';";
        string? version = command.ExecuteScalar() as string;
        if (version != SqliteJournalConstants.SchemaVersion.ToString(CultureInfo.InvariantCulture))
        {
            throw SqliteJournalErrors.Version(path, version);
        }
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static List<string> Tables(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name;";
        using SqliteDataReader reader = command.ExecuteReader();
        var tables = new List<string>();
        while (reader.Read())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }
}
