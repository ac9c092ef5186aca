using Chorus.Journaling;

namespace Chorus.Tests.Journaling;

public sealed class InMemoryBranchJournalTests : BranchJournalContractTests
{
    protected override IBranchJournal CreateJournal() => new InMemoryBranchJournal();
}
