using Chorus.Cli.Configuration;
using Chorus.Cli.Progress;

namespace Chorus.Cli.Runs;

/// <summary>The settings every run verb shares: configuration, outputs, progress and limits.</summary>
/// <param name="Config">The effective configuration.</param>
/// <param name="Json">The <c>--json</c> target: a path, <c>-</c> for standard output, or <see langword="null"/>.</param>
/// <param name="Report">The <c>--report</c> HTML path, or <see langword="null"/>.</param>
/// <param name="Progress">How progress is shown.</param>
/// <param name="BranchTimeout">The per-branch timeout, if any.</param>
/// <param name="Deadline">The whole-run deadline, if any.</param>
internal sealed record RunSettings(ChorusConfig Config, string? Json, string? Report, ProgressMode Progress, TimeSpan? BranchTimeout, TimeSpan? Deadline)
{
    public bool JsonToStdout => Json == "-";

    /// <summary>Gets the spend cap in tokens (<c>--max-run-tokens</c>), if any.</summary>
    public long? MaxTokens { get; init; }

    /// <summary>Gets the spend cap in money (<c>--max-run-cost</c>), if any.</summary>
    public decimal? MaxCost { get; init; }

    /// <summary>Gets the journal flags as parsed (<c>--journal</c>, <c>--cache</c>, <c>--dry-run</c>), or <see langword="null"/> when the verb has none.</summary>
    public JournalBinding? Journal { get; init; }

    /// <summary>The run's limits: the configured concurrency (flag, environment, file) or the recipe's default, and the timeouts.</summary>
    public RunLimits Limits(int defaultConcurrency) => new()
    {
        MaxConcurrency = Config.MaxConcurrency ?? defaultConcurrency,
        BranchTimeout = BranchTimeout,
        Deadline = Deadline,
        MaxTokens = MaxTokens,
        MaxCost = MaxCost,
    };
}
