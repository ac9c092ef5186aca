using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Chorus.Journal.Sqlite;

/// <summary>Turns SQLite's errors into messages that name the file and say what to do.</summary>
internal static class SqliteJournalErrors
{
    private const int Busy = 5;
    private const int Locked = 6;
    private const int ReadOnly = 8;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CantOpen = 14;
    private const int NotADatabase = 26;

    public static JournalFileException From(string path, SqliteException ex, TimeSpan busyTimeout)
    {
        string message = ex.SqliteErrorCode switch
        {
            Busy or Locked => string.Create(
                CultureInfo.InvariantCulture,
                $"The journal file '{path}' is locked by another process or connection and stayed locked for {busyTimeout.TotalSeconds:0.###} s ({ex.Message}). Retry later, or raise {nameof(SqliteBranchJournalOptions.BusyTimeout)}."),
            NotADatabase => $"The journal file '{path}' is not a SQLite database: it is corrupt or another kind of file ({ex.Message}). Nothing was written to it; move it aside or choose another path.",
            Corrupt => $"The journal file '{path}' is corrupt ({ex.Message}). Nothing more was written to it; move it aside or choose another path.",
            ReadOnly => $"The journal file '{path}' is read-only ({ex.Message}). Make it writable or choose another path.",
            Full => $"The journal file '{path}' cannot grow: the disk is full ({ex.Message}).",
            CantOpen => $"The journal file '{path}' cannot be opened ({ex.Message}). Check that its folder exists and is writable.",
            _ => $"The journal file '{path}' failed: {ex.Message}",
        };
        return new JournalFileException(message, ex) { FilePath = path };
    }

    public static JournalFileException Foreign(string path, IEnumerable<string> tables) => new(
        $"The file '{path}' is a SQLite database but not a Chorus journal (it holds {Describe(tables)}). Nothing was written to it; choose another path.")
    { FilePath = path };

    public static JournalFileException Version(string path, string? version) => new(
        $"The journal file '{path}' has schema version '{version}'; this version of Chorus reads version {SqliteJournalConstants.SchemaVersion}. Use a matching Chorus or another path.")
    { FilePath = path };

    public static JournalFileException BadRecord(string path, string key, Exception ex) => new(
        $"The journal file '{path}' holds an unreadable record for '{key}' ({ex.Message}).", ex)
    { FilePath = path };

    private static string Describe(IEnumerable<string> tables)
    {
        List<string> names = [.. tables];
        return names.Count == 0 ? "another application's id" : "the tables " + string.Join(", ", names.Take(5)) + (names.Count > 5 ? ", …" : string.Empty);
    }
}
