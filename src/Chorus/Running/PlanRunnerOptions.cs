using Chorus.Estimation;
using Chorus.Journaling;
using Chorus.Reporting;

namespace Chorus;

/// <summary>Options for a <see cref="PlanRunner"/>.</summary>
/// <remarks>The runner copies these values when it is created; later changes have no effect on it.</remarks>
public sealed class PlanRunnerOptions
{
    /// <summary>Gets or sets the clock. <see langword="null"/> means <see cref="TimeProvider.System"/>.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Gets or sets the prices used to put a cost on runs.</summary>
    /// <value>The default is <see langword="null"/>, which means <see cref="PriceTable.Empty"/>: every cost is unknown.</value>
    public PriceTable? Prices { get; set; }

    /// <summary>Gets or sets a value indicating whether branches call the streaming API, which records time to first token and keeps partial output of cancelled calls.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool UseStreaming { get; set; }

    /// <summary>Gets or sets a callback for every timeline event as it happens (live progress).</summary>
    /// <value>The default is <see langword="null"/>.</value>
    /// <remarks>Called concurrently from the branches' threads, outside any lock: it must be thread-safe and quick. An exception it throws is ignored.</remarks>
    public Action<TimelineEvent>? OnEvent { get; set; }

    /// <summary>Gets or sets the journal of finished branches: a branch it holds is replayed instead of called, and every branch that succeeds is recorded.</summary>
    /// <value>The default is <see langword="null"/>: no journal, every branch calls.</value>
    /// <remarks>A crashed or repeated run with the same plan and journal pays only for the branches it has not finished. See <see cref="IBranchJournal"/>.</remarks>
    public IBranchJournal? Journal { get; set; }

    /// <summary>Gets or sets a value indicating whether a deterministic request (temperature 0 or a fixed seed) may be answered by the journal from
    /// any sample or run that sent the same request, not only from the same branch (cache mode).</summary>
    /// <value>The default is <see langword="false"/>. Needs <see cref="Journal"/>.</value>
    public bool CacheDeterministic { get; set; }

    /// <summary>Gets or sets the output length assumed for a branch that sets no max output tokens, in the run's estimate and spend caps.</summary>
    /// <value>The default is <see cref="PlanEstimator.DefaultExpectedOutputTokens"/> (256). Must be zero or more.</value>
    public int ExpectedOutputTokens
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            field = value;
        }
    } = PlanEstimator.DefaultExpectedOutputTokens;
}
