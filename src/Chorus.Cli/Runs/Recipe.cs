using Chorus.Estimation;
using Chorus.Journaling;

namespace Chorus.Cli.Runs;

/// <summary>A plan ready to run, with how to describe its result in one line. Built by a verb from a <see cref="RecipeContext"/>.</summary>
/// <param name="Title">What is being run, for the console and the HTML page, for example <c>vote: What is 17 * 23?</c>.</param>
/// <param name="RunAsync">Runs the plan with the given runner.</param>
internal sealed record Recipe(string Title, Func<PlanRunner, CancellationToken, Task<RecipeOutcome>> RunAsync)
{
    /// <summary>Gets the model names the plan asks for beyond the connection's, so the simulator can price them.</summary>
    public IReadOnlyCollection<string> Models { get; init; } = [];

    /// <summary>Gets prices the recipe itself declares (a plan file's <c>prices</c>); they override <c>chorus.yaml</c>.</summary>
    public IReadOnlyDictionary<string, ModelPrice> Prices { get; init; } = new Dictionary<string, ModelPrice>();

    /// <summary>Gets the pre-flight estimate of the plan's tokens and cost (<c>--dry-run</c>), or <see langword="null"/> when unknown.</summary>
    public Func<PriceTable, RunEstimate>? Estimate { get; init; }

    /// <summary>Gets the estimate against a journal (<c>--dry-run --journal</c>): journaled branches cost nothing; <see langword="null"/> when unknown.</summary>
    public Func<PriceTable, IBranchJournal?, bool, CancellationToken, Task<RunEstimate>>? EstimateWithJournal { get; init; }

    /// <summary>Wraps a plan: runs it and describes its value with <paramref name="describe"/>.</summary>
    public static Recipe Of<T>(string title, Plan<T> plan, Func<T, string> describe) => new(title, async (runner, ct) =>
    {
        RunResult<T> result = await runner.RunAsync(plan, ct).ConfigureAwait(false);
        return new RecipeOutcome(describe(result.Value), result.Report);
    })
    {
        Estimate = prices => PlanEstimator.Estimate(plan, prices),
        EstimateWithJournal = (prices, journal, cache, ct) => PlanEstimator.EstimateAsync(plan, journal, cache, prices, cancellationToken: ct),
    };
}
