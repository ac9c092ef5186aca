using Chorus.Journaling;

namespace Chorus.Journal.Sqlite.Tests;

public sealed class SqliteBranchJournalContractTests : BranchJournalContractTests, IDisposable
{
    private readonly TempDirectory _folder = new("chorus-journal-", SqliteConnection.ClearAllPools);
    private readonly List<SqliteBranchJournal> _journals = [];

    protected override IBranchJournal CreateJournal()
    {
        var journal = new SqliteBranchJournal(_folder.File($"runs-{_journals.Count}.db"));
        _journals.Add(journal);
        return journal;
    }

    public void Dispose()
    {
        foreach (SqliteBranchJournal journal in _journals)
        {
            journal.Dispose();
        }

        _folder.Dispose();
    }
}
