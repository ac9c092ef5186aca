namespace Chorus.Journal.Sqlite;

/// <summary>Options for a <see cref="SqliteBranchJournal"/>.</summary>
/// <remarks>The journal copies the values when it is opened.</remarks>
public sealed class SqliteBranchJournalOptions
{
    /// <summary>Gets or sets how long a read or write waits for another connection or process that holds the file's lock before failing.</summary>
    /// <value>The default is 5 seconds. Must be positive and at most one hour.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive or is more than one hour.</exception>
    public TimeSpan BusyTimeout
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, TimeSpan.FromHours(1));
            field = value;
        }
    } = SqliteJournalConstants.DefaultBusyTimeout;
}
