using Microsoft.Data.Sqlite;

namespace Chorus.Journal.Sqlite.Tests.Integration;

internal static class JournalLabels
{
    /// <summary>Reads which branches a journal file holds, straight from the table (no journal instance, so no pooled handle).</summary>
    public static HashSet<string> Read(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT label FROM chorus_branches;";
        using SqliteDataReader reader = command.ExecuteReader();
        var labels = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            labels.Add(reader.GetString(0));
        }

        return labels;
    }
}
