using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Chorus.Aggregation;
using Chorus.Journaling;

namespace Chorus.Journal.Sqlite.Tests;

public class SqliteBranchJournalTests
{
    [Fact]
    public void Constructor_NewFile_CreatesAWalJournalWithSchemaVersionAndApplicationId()
    {
        using var folder = new TempDirectory("chorus-journal-", SqliteConnection.ClearAllPools);
        string path = folder.File("runs.db");

        using (var journal = new SqliteBranchJournal(path))
        {
            Assert.Equal(Path.GetFullPath(path), journal.Path);
            Assert.Equal(0, journal.Count());
        }

        using var connection = Open(path);
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode;"));
        Assert.Equal(0x43484F52L, Scalar(connection, "PRAGMA application_id;"));
        Assert.Equal("1", Scalar(connection, "SELECT value FROM chorus_journal_meta WHERE key = 'schema_version';"));
    }

    [Fact]
    public async Task RecordAsync_ThenFindAsync_ReturnsTheRecordFromAnotherInstance()
    {
        using var folder = new TempDirectory("chorus-journal-", SqliteConnection.ClearAllPools);
        string path = folder.File("runs.db");
        using (var writer = new SqliteBranchJournal(path))
        {
            await writer.RecordAsync(Records.Make("f1", "forty-two"));
        }

        using var reader = new SqliteBranchJournal(path);
        JournalRecord? found = await reader.FindAsync("f1");

        Assert.NotNull(found);
        Assert.Equal(("forty-two", "label-f1", 3, "sim-1"), (found.Response.Text, found.Label, found.Index, found.Model));
        Assert.Equal(15, found.Usage!.TotalTokenCount);
        Assert.Equal(TimeSpan.FromMilliseconds(250), found.Duration);
        Assert.Null(await reader.FindAsync("f2"));
    }

    [Fact]
    public async Task RecordAsync_SameFingerprintTwice_KeepsOneRowWithTheLatest()
    {
        using var folder = new TempDirectory("chorus-journal-", SqliteConnection.ClearAllPools);
        using var journal = new SqliteBranchJournal(folder.File("runs.db"));

        await journal.RecordAsync(Records.Make("f1", "first"));
        await journal.RecordAsync(Records.Make("f1", "second"));

        Assert.Equal(1, journal.Count());
        Assert.Equal("second", (await journal.FindAsync("f1"))!.Response.Text);
    }

    [Fact]
    public async Task FindCachedAsync_SeveralRecordsWithTheKey_ReturnsTheMostRecent()
    {
        using var folder = new TempDirectory("chorus-journal-", SqliteConnection.ClearAllPools);
        using var journal = new SqliteBranchJournal(folder.File("runs.db"));
        var t0 = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

        await journal.RecordAsync(Records.Make("f1", "old", cacheKey: "c", at: t0));
        await journal.RecordAsync(Records.Make("f2", "new", cacheKey: "c", at: t0.AddMinutes(1)));
        await journal.RecordAsync(Records.Make("f3", "other", cacheKey: null, at: t0.AddMinutes(2)));

        Assert.Equal("new", (await journal.FindCachedAsync("c"))!.Response.Text);
        Assert.Null(await journal.FindCachedAsync("missing"));
    }

    [Fact]
    public async Task RecordAsync_ConcurrentWritersOnOneFile_KeepEveryRecord()
    {
        using var folder = new TempDirectory("chorus-journal-", SqliteConnection.ClearAllPools);
        string path = folder.File("runs.db");
        using var a = new SqliteBranchJournal(path);
        using var b = new SqliteBranchJournal(path, new SqliteBranchJournalOptions { BusyTimeout = TimeSpan.FromSeconds(30) });
        using var start = new ManualResetEventSlim();

        // Eight writers on two journal instances, each on its own thread, released together.
        Task[] writers = [.. Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            start.Wait();
            SqliteBranchJournal journal = w % 2 == 0 ? a : b;
            for (int i = 0; i < 25; i++)
            {
                await journal.RecordAsync(Records.Make($"w{w}-{i}"));
                Assert.NotNull(await journal.FindAsync($"w{w}-{i}"));
            }
        }))];
        start.Set();
        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(200, a.Count());
        Assert.Equal("label-w7-24", (await b.FindAsync("w7-24"))!.Label);
    }

    [Fact]
    public void Constructor_FileThatIsNotADatabase_ThrowsNamingTheFileAndLeavesItUntouched()
    {
        using var folder = new TempDirectory("chorus-journal-", SqliteConnection.ClearAllPools);
        string path = folder.File("notes.db");
        File.WriteAllText(path, new string('x', 4096));
        byte[] before = SHA256.HashData(File.ReadAllBytes(path));

        JournalFileException error = Assert.Throws<JournalFileException>(() => new SqliteBranchJournal(path));

        Assert.StartsWith($"The journal file '{path}' is not a SQLite database: it is corrupt or another kind of file (", error.Message);
        Assert.EndsWith("Nothing was written to it; move it aside or choose another path.", error.Message);
        Assert.Equal(path, error.FilePath);
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(path)));
    }

    [Fact]
    public async Task Constructor_CorruptJournal_ThrowsNamingTheFile()
    {
        using var folder = new TempDirectory("chorus-journal-", SqliteConnection.ClearAllPools);
        string path = folder.File("runs.db");
        using (var journal = new SqliteBranchJournal(path))
        {
            await journal.RecordAsync(Records.Make("f1"));
        }

        SqliteConnection.ClearAllPools();
        Checkpoint(path);

        // Keep SQLite's header, wreck the pages after it (the schema and the rows).
        byte[] bytes = File.ReadAllBytes(path);
        for (int i = 100; i < bytes.Length; i++)
        {
            bytes[i] = 0xA5;
        }

        File.WriteAllBytes(path, bytes);

        JournalFileException error = Assert.Throws<JournalFileException>(() => new SqliteBranchJournal(path));

        Assert.Contains($"'{path}'", error.Message);
        Assert.Matches("is corrupt|is not a SQLite database", error.Message);
    }

    [Fact]
    public void Constructor_AnotherProgramsDatabase_ThrowsAndLosesNothing()
    {
        using var folder = new TempDirectory("chorus-journal-", SqliteConnection.ClearAllPools);
        string path = folder.File("app.db");
        using (SqliteConnection connection = Open(path))
        {
            Execute(connection, "CREATE TABLE users (name TEXT); INSERT INTO users VALUES ('ann');");
        }

        SqliteConnection.ClearAllPools();
        byte[] before = SHA256.HashData(File.ReadAllBytes(path));

        JournalFileException error = Assert.Throws<JournalFileException>(() => new SqliteBranchJournal(path));

        Assert.Equal($"The file '{path}' is a SQLite database but not a Chorus journal (it holds the tables users). Nothing was written to it; choose another path.", error.Message);
        SqliteConnection.ClearAllPools();
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(path)));
        using SqliteConnection check = Open(path);
        Assert.Equal("ann", Scalar(check, "SELECT name FROM users;"));
    }

    [Fact]
    public void Constructor_NewerSchema_ThrowsNamingTheVersions()
    {
        using var folder = new TempDirectory("chorus-journal-", SqliteConnection.ClearAllPools);
        string path = folder.File("runs.db");
        new SqliteBranchJournal(path).Dispose();
        using (SqliteConnection connection = Open(path))
        {
            Execute(connection, "UPDATE chorus_journal_meta SET value = '2' WHERE key = 'schema_version';");
        }

        JournalFileException error = Assert.Throws<JournalFileException>(() => new SqliteBranchJournal(path));

        Assert.Equal($"The journal file '{path}' has schema version '2'; this version of Chorus reads version 1. Use a matching Chorus or another path.", error.Message);
    }

    [Fact]
    public void Constructor_FileLockedByAnotherConnection_ThrowsNamingTheFileAfterTheBusyTimeout()
    {
        using var folder = new TempDirectory("chorus-journal-", SqliteConnection.ClearAllPools);
        string path = folder.File("runs.db");

        // A new file in rollback-journal mode, held under an exclusive lock: nobody else may even read it.
        using SqliteConnection holder = Open(path, pooling: false);
        Execute(holder, "CREATE TABLE t (x); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1);");

        JournalFileException error = Assert.Throws<JournalFileException>(
            () => new SqliteBranchJournal(path, new SqliteBranchJournalOptions { BusyTimeout = TimeSpan.FromMilliseconds(50) }));

        Assert.StartsWith($"The journal file '{path}' is locked by another process or connection and stayed locked for 0.05 s (", error.Message);
        Assert.EndsWith("Retry later, or raise BusyTimeout.", error.Message);
    }

    [Fact]
    public async Task FindAsync_UnreadableRow_ThrowsNamingTheFileAndOtherRowsStillWork()
    {
        using var folder = new TempDirectory("chorus-journal-", SqliteConnection.ClearAllPools);
        string path = folder.File("runs.db");
        using var journal = new SqliteBranchJournal(path);
        await journal.RecordAsync(Records.Make("good"));
        await journal.RecordAsync(Records.Make("bad"));
        using (SqliteConnection connection = Open(path))
        {
            Execute(connection, "UPDATE chorus_branches SET record_json = '{not json' WHERE fingerprint = 'bad';");
        }

        JournalFileException error = await Assert.ThrowsAsync<JournalFileException>(() => journal.FindAsync("bad"));

        Assert.StartsWith($"The journal file '{path}' holds an unreadable record for 'bad' (", error.Message);
        Assert.NotNull(await journal.FindAsync("good"));
    }

    [Fact]
    public async Task RunAsync_UnreadableRow_TheBranchCallsAgainAndTheRunSucceeds()
    {
        using var folder = new TempDirectory("chorus-journal-", SqliteConnection.ClearAllPools);
        string path = folder.File("runs.db");
        using var journal = new SqliteBranchJournal(path);
        var client = new ScriptedChatClient("ok");
        var runner = new PlanRunner(new PlanRunnerOptions { Journal = journal });
        Plan<SectionedText> Plan() => new("p", [new Branch("a", client, "q1"), new Branch("b", client, "q2")], Aggregators.Concat());
        await runner.RunAsync(Plan());
        using (SqliteConnection connection = Open(path))
        {
            Execute(connection, "UPDATE chorus_branches SET record_json = '{not json' WHERE label = 'a';");
        }

        RunResult<SectionedText> again = await runner.RunAsync(Plan());

        Assert.Equal(3, client.Calls);
        Assert.Equal(1, again.Report.Replayed);
        Assert.Equal(1, again.Report.JournalErrors);
        Assert.Contains(again.Report.Timeline, e => WireNames.Of(e.Kind) == "journal_error" && e.Detail!.Contains($"'{path}'", StringComparison.Ordinal));
        Assert.NotNull(await journal.FindAsync(BranchFingerprint.ForBranch(new Branch("a", client, "q1"), "main", 0)));
    }

    [Fact]
    public void Options_BusyTimeout_DefaultsToFiveSecondsAndIsValidated()
    {
        var options = new SqliteBranchJournalOptions();

        Assert.Equal(TimeSpan.FromSeconds(5), options.BusyTimeout);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.BusyTimeout = TimeSpan.Zero);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.BusyTimeout = TimeSpan.FromHours(2));
        Assert.Throws<ArgumentException>(() => new SqliteBranchJournal(" "));
    }

    private static SqliteConnection Open(string path, bool pooling = true)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = pooling }.ToString());
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Checkpoint(string path)
    {
        using (SqliteConnection connection = Open(path, pooling: false))
        {
            Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;");
        }
    }
}
