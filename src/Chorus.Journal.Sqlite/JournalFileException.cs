namespace Chorus.Journal.Sqlite;

/// <summary>A journal file could not be used: it is corrupt, locked, not a SQLite database, another program's database, or from a newer Chorus.</summary>
/// <remarks>The message names the file and says what to do. The journal never writes to a file it refused.</remarks>
public sealed class JournalFileException : IOException
{
    /// <summary>Initializes a new instance.</summary>
    public JournalFileException()
        : this("The journal file could not be used.")
    {
    }

    /// <summary>Initializes a new instance with a message.</summary>
    /// <param name="message">The message.</param>
    public JournalFileException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with a message and the error that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public JournalFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the path of the journal file.</summary>
    public string? FilePath { get; init; }
}
