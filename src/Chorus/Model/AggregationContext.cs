namespace Chorus;

/// <summary>What an aggregation sees when it completes: the main stage's outcomes and a way to run a second stage.</summary>
/// <remarks>A second stage (judges, jurors, synthesis) runs through the same runner, with the same limits, and its outcomes are part of the same report.</remarks>
public sealed class AggregationContext
{
    private readonly Func<string, IReadOnlyList<Branch>, CancellationToken, Task<IReadOnlyList<BranchOutcome>>>? _stageRunner;

    /// <summary>Initializes a new context.</summary>
    /// <param name="outcomes">Every main-stage outcome, in branch order.</param>
    /// <param name="stageRunner">Runs a second stage of branches and returns their outcomes in branch order; <see langword="null"/> when no second stage can run.</param>
    /// <param name="timeProvider">The run's clock; <see langword="null"/> means <see cref="TimeProvider.System"/>.</param>
    public AggregationContext(
        IReadOnlyList<BranchOutcome> outcomes,
        Func<string, IReadOnlyList<Branch>, CancellationToken, Task<IReadOnlyList<BranchOutcome>>>? stageRunner = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        Outcomes = outcomes;
        _stageRunner = stageRunner;
        TimeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Gets every main-stage outcome, in branch order.</summary>
    public IReadOnlyList<BranchOutcome> Outcomes { get; }

    /// <summary>Gets the run's clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Runs a second stage of branches (for example judges) with the run's limits and accounting.</summary>
    /// <param name="stage">The stage's name as shown in the report, for example <c>judge</c>.</param>
    /// <param name="branches">The branches to run.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>Every branch's outcome, in branch order; failures are outcomes, not exceptions.</returns>
    /// <exception cref="InvalidOperationException">This context cannot run a second stage.</exception>
    public Task<IReadOnlyList<BranchOutcome>> RunStageAsync(string stage, IReadOnlyList<Branch> branches, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stage);
        ArgumentNullException.ThrowIfNull(branches);
        if (_stageRunner is null)
        {
            throw new InvalidOperationException("This aggregation context cannot run a second stage of branches.");
        }

        return _stageRunner(stage, branches, cancellationToken);
    }
}
