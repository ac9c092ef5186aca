using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Chorus.Journaling;

namespace Chorus.Journal.Sqlite;

/// <summary>An <see cref="IBranchJournal"/> in a SQLite file: finished branches survive crashes and are shared by every run and process that opens the file.</summary>
/// <remarks>
/// <para>
/// The file is in WAL mode, so readers never wait for the writer, and every connection waits up to
/// <see cref="SqliteBranchJournalOptions.BusyTimeout"/> for a lock instead of failing at once; several runs and processes can
/// share one file. Each finished branch is one row written in its own transaction (the response's messages, usage, model,
/// finish reason and timings as <see cref="JournalRecordJson"/>, plus a few columns to query by) and is on disk, synced,
/// before <see cref="RecordAsync"/> completes, so a process killed at any point loses only the branches still in flight.
/// </para>
/// <para>
/// Opening checks the file: a corrupt file, a file that is not SQLite, another program's database or a newer schema gives a
/// <see cref="JournalFileException"/> that names the file, and nothing is written to it. Thread-safe. Connections are
/// pooled; <see cref="Dispose"/> releases the file.
/// </para>
/// </remarks>
public sealed class SqliteBranchJournal : IBranchJournal, IDisposable
{
    private readonly string _connectionString;
    private readonly TimeSpan _busyTimeout;

    /// <summary>Opens a journal file, creating it (and its schema) when it does not exist.</summary>
    /// <param name="path">The file's path; its folder must exist.</param>
    /// <param name="options">The options, copied now; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is blank.</exception>
    /// <exception cref="JournalFileException">The file is corrupt, locked past the busy timeout, not a SQLite database, another
    /// program's database, or from a newer Chorus; or it cannot be opened.</exception>
    public SqliteBranchJournal(string path, SqliteBranchJournalOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _busyTimeout = (options ?? new SqliteBranchJournalOptions()).BusyTimeout;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(_busyTimeout.TotalSeconds),
        }.ToString();
        Run(SqliteJournalSchema.Open);
    }

    /// <summary>Gets the full path of the journal file.</summary>
    public string Path { get; }

    /// <summary>Gets the number of finished branches in the file, from every run that used it.</summary>
    /// <returns>The count.</returns>
    /// <exception cref="JournalFileException">The file cannot be read.</exception>
    public long Count() => Run(connection =>
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = SqliteJournalConstants.Count;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    });

    /// <inheritdoc />
    /// <exception cref="JournalFileException">The file cannot be read, or the row is unreadable.</exception>
    public Task<JournalRecord?> FindAsync(string fingerprint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Find(SqliteJournalConstants.FindByFingerprint, fingerprint));
    }

    /// <inheritdoc />
    /// <exception cref="JournalFileException">The file cannot be read, or the row is unreadable.</exception>
    public Task<JournalRecord?> FindCachedAsync(string cacheKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cacheKey);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Find(SqliteJournalConstants.FindByCacheKey, cacheKey));
    }

    /// <inheritdoc />
    /// <exception cref="JournalFileException">The file cannot be written.</exception>
    public Task RecordAsync(JournalRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        cancellationToken.ThrowIfCancellationRequested();
        string json = JournalRecordJson.Serialize(record);
        Run(connection =>
        {
            // IMMEDIATE takes the write lock up front, so two writers queue on the busy timeout instead of deadlocking on an upgrade.
            using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
            using SqliteCommand command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = SqliteJournalConstants.Upsert;
            command.Parameters.AddWithValue("$fingerprint", record.Fingerprint);
            command.Parameters.AddWithValue("$cache_key", (object?)record.CacheKey ?? DBNull.Value);
            command.Parameters.AddWithValue("$label", record.Label);
            command.Parameters.AddWithValue("$stage", record.Stage);
            command.Parameters.AddWithValue("$index", record.Index);
            command.Parameters.AddWithValue("$model", (object?)record.Model ?? DBNull.Value);
            command.Parameters.AddWithValue("$input", (object?)record.Usage?.InputTokenCount ?? DBNull.Value);
            command.Parameters.AddWithValue("$output", (object?)record.Usage?.OutputTokenCount ?? DBNull.Value);
            command.Parameters.AddWithValue("$duration", record.Duration.TotalMilliseconds);
            command.Parameters.AddWithValue("$recorded_at", record.RecordedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$json", json);
            command.ExecuteNonQuery();
            transaction.Commit();
            return 0;
        });
        return Task.CompletedTask;
    }

    /// <summary>Closes the pooled connections, releasing the file.</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private JournalRecord? Find(string sql, string key)
    {
        string? json = Run(connection =>
        {
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$key", key);
            return command.ExecuteScalar() as string;
        });
        if (json is null)
        {
            return null;
        }

        try
        {
            return JournalRecordJson.Deserialize(json);
        }
        catch (JsonException ex)
        {
            throw SqliteJournalErrors.BadRecord(Path, key, ex);
        }
    }

    private T Run<T>(Func<SqliteConnection, T> work)
    {
        try
        {
            using var connection = new SqliteConnection(_connectionString);
            connection.Open();
            SqliteJournalSchema.Configure(connection, _busyTimeout);
            return work(connection);
        }
        catch (SqliteException ex)
        {
            throw SqliteJournalErrors.From(Path, ex, _busyTimeout);
        }
    }

    private void Run(Action<SqliteConnection, string> work) => Run(connection =>
    {
        work(connection, Path);
        return 0;
    });
}
