using System.CommandLine;
using System.Globalization;
using Chorus.Journal.Sqlite;
using Chorus.Estimation;
using Chorus.Journaling;

namespace Chorus.Cli;

/// <summary>The flags of durable, capped runs, for any verb that runs a plan: <c>--journal</c>, <c>--cache</c>, <c>--dry-run</c>,
/// <c>--max-run-tokens</c> and <c>--max-run-cost</c>.</summary>
/// <remarks>
/// A verb adds <see cref="All"/> to its command, then: <c>using SqliteBranchJournal? journal = flags.OpenJournal(parse);</c>,
/// <c>flags.Apply(parse, runnerOptions, limits, journal)</c> before it builds the runner and plan, and, when
/// <c>parse.GetValue(flags.DryRun)</c>, <c>EstimateText.Write(output, PlanEstimator.Estimate(plan, prices))</c> instead of running.
/// </remarks>
internal sealed class JournalFlags
{
    public Option<FileInfo?> Journal { get; } = new("--journal")
    {
        Description = "SQLite file of finished branches (created if missing): a re-run, or a run after a crash, replays them instead of paying again.",
        HelpName = "FILE",
    };

    public Option<bool> Cache { get; } = new("--cache")
    {
        Description = "Also answer deterministic requests (temperature 0 or a fixed seed) from any earlier run in the journal. Needs --journal.",
    };

    public Option<bool> DryRun { get; } = new("--dry-run")
    {
        Description = "Print the estimated tokens and cost of the run, then exit without sending anything.",
    };

    public Option<bool> JournalStrict { get; } = new("--journal-strict")
    {
        Description = "Make journal errors fatal: stop the run at the first one (exit 4) instead of paying again for what the journal should have saved.",
    };

    public Option<long?> MaxRunTokens { get; } = new("--max-run-tokens")
    {
        Description = "Spend cap: start no branch that could take the run past this many tokens (skipped branches abstain).",
    };

    public Option<decimal?> MaxRunCost { get; } = new("--max-run-cost")
    {
        Description = "Spend cap in money: start no branch that could take the run past this cost (needs a price for the model).",
    };

    public IEnumerable<Option> All => [Journal, Cache, DryRun, JournalStrict, MaxRunTokens, MaxRunCost];

    /// <summary>Opens the journal named by <c>--journal</c>, or returns <see langword="null"/>; the caller disposes it.</summary>
    /// <exception cref="CliUsageException">The file is corrupt, locked, not a journal, or cannot be created.</exception>
    /// <param name="parse">The parsed command line.</param>
    /// <param name="workingDirectory">The directory a relative path is resolved against; <see langword="null"/> for the process's current directory.</param>
    public SqliteBranchJournal? OpenJournal(ParseResult parse, string? workingDirectory = null)
    {
        FileInfo? file = parse.GetValue(Journal);
        if (file is null)
        {
            if (parse.GetValue(Cache))
            {
                throw new CliUsageException("--cache needs --journal: cached answers are kept in the journal file.", "Add --journal runs.db.");
            }

            return null;
        }

        try
        {
            string? typed = parse.GetResult(Journal)?.Tokens is { Count: > 0 } tokens ? tokens[0].Value : null;
            return new SqliteBranchJournal(workingDirectory is null || typed is null ? file.FullName : Path.GetFullPath(typed, workingDirectory));
        }
        catch (JournalFileException ex)
        {
            throw new CliUsageException("--journal: " + ex.Message);
        }
    }

    /// <summary>Puts the journal, cache mode and spend caps on the runner's options and the plan's limits.</summary>
    /// <exception cref="CliUsageException">A cap is not positive.</exception>
    public void Apply(ParseResult parse, PlanRunnerOptions options, RunLimits limits, IBranchJournal? journal)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(limits);
        options.Journal = journal;
        options.CacheDeterministic = journal is not null && parse.GetValue(Cache);
        try
        {
            limits.MaxTokens = parse.GetValue(MaxRunTokens);
            limits.MaxCost = parse.GetValue(MaxRunCost);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new CliUsageException(string.Create(
                CultureInfo.InvariantCulture,
                $"--max-run-tokens and --max-run-cost must be positive; got {parse.GetValue(MaxRunTokens)?.ToString(CultureInfo.InvariantCulture) ?? "-"} and {parse.GetValue(MaxRunCost)?.ToString(CultureInfo.InvariantCulture) ?? "-"}."));
        }
    }
}
