using System.CommandLine;
using Chorus.Journal.Sqlite;

namespace Chorus.Cli.Runs;

/// <summary>The journal flags of one command line (<see cref="JournalFlags"/>), bound for the <see cref="RecipeRunner"/>.</summary>
internal sealed record JournalBinding(JournalFlags Flags, ParseResult Parse)
{
    public bool DryRun => Parse.GetValue(Flags.DryRun);

    /// <summary>Gets a value indicating whether journal errors are fatal (<c>--journal-strict</c>).</summary>
    public bool Strict => Parse.GetValue(Flags.JournalStrict);

    /// <summary>Opens the journal (caller disposes) and puts it, and cache mode, on the runner's options.</summary>
    public SqliteBranchJournal? OpenInto(PlanRunnerOptions options, string workingDirectory)
    {
        SqliteBranchJournal? journal = Flags.OpenJournal(Parse, workingDirectory);
        options.Journal = journal;
        options.CacheDeterministic = journal is not null && Parse.GetValue(Flags.Cache);
        return journal;
    }
}
