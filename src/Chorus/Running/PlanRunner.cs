using System.Diagnostics;
using System.Runtime.CompilerServices;
using Chorus.Diagnostics;
using Chorus.Estimation;
using Chorus.Reporting;
using Chorus.Running;
using Chorus.Aggregation;

namespace Chorus;

/// <summary>Runs plans: starts their branches concurrently within the plan's limits, applies the failure policy, aggregates, and reports.</summary>
/// <remarks>
/// Thread-safe: one runner can run any number of plans at once; each run has its own state. The runner owns all
/// waiting and cancelling: when the aggregator settles, a branch fails fast or the deadline passes, it cancels what
/// is still running and waits for it, so nothing keeps running after a run returns. Clients must honour the
/// cancellation token they are given, as every <c>Microsoft.Extensions.AI</c> client does.
/// </remarks>
public sealed class PlanRunner
{
    private readonly RunnerSettings _settings;

    /// <summary>Initializes a new runner.</summary>
    /// <param name="options">The options, copied now; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException"><see cref="PlanRunnerOptions.CacheDeterministic"/> is set without a <see cref="PlanRunnerOptions.Journal"/>.</exception>
    public PlanRunner(PlanRunnerOptions? options = null)
    {
        _settings = RunnerSettings.From(options);
    }

    /// <summary>Gets a runner with the default options.</summary>
    public static PlanRunner Default { get; } = new();

    /// <summary>Runs a plan to its result.</summary>
    /// <typeparam name="TResult">The type of the joined result.</typeparam>
    /// <param name="plan">The plan.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The joined value, the decision, every outcome in branch order, and the report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The plan caps cost (<see cref="RunLimits.MaxCost"/>) but a branch's model has no price in <see cref="PlanRunnerOptions.Prices"/>.</exception>
    /// <exception cref="RunFailedException">The failure policy failed or the aggregator could not decide; carries every outcome and the report.</exception>
    /// <exception cref="RunCanceledException">The caller cancelled; carries the partial outcomes and report.</exception>
    public async Task<RunResult<TResult>> RunAsync<TResult>(Plan<TResult> plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        RunLimits limits = plan.LimitsSnapshot;
        SpendBudget.CheckPrices(limits, plan.Branches, _settings.Prices, nameof(plan));
        var session = new RunSession(plan.Name, _settings)
        {
            Budget = SpendBudget.For(limits, _settings),
            Estimate = PlanEstimator.Estimate(plan, _settings.Prices, _settings.ExpectedOutputTokens),
        };
        FailurePolicy policy = plan.FailurePolicy;
        string strategy = plan.Aggregator.Name;
        using Activity? activity = ChorusTelemetry.Source.StartActivity("chorus.run");
        activity?.SetTag(GenAiAttributes.RunName, plan.Name);
        activity?.SetTag(GenAiAttributes.RunStrategy, strategy);
        activity?.SetTag(GenAiAttributes.RunBranches, plan.Branches.Count);

        using var stop = new CancellationTokenSource();
        using CancellationTokenSource? deadline = limits.Deadline is { } d ? new CancellationTokenSource(d, session.Time) : null;
        var tokens = new StageTokens(cancellationToken, stop.Token, deadline?.Token ?? CancellationToken.None);

        IAggregation<TResult> aggregation = plan.Aggregator.Begin(plan.Branches.Count);
        var gate = new PolicyGate(policy, plan.Branches.Count);
        var decisions = new MainStageDecisions<TResult>(session, gate, aggregation, stop, cancellationToken);
        await foreach (BranchOutcome _ in StageExecutor.RunAsync(session, RunStages.Main, plan.Branches, limits, tokens, decisions.Observe).ConfigureAwait(false))
        {
            // Decisions are made on the workers as outcomes land (see MainStageDecisions); here we only wait for every branch to end.
        }

        IReadOnlyList<BranchOutcome> mainOutcomes = session.Outcomes();
        if (cancellationToken.IsCancellationRequested)
        {
            throw Canceled(session, strategy, policy, cancellationToken);
        }

        if (gate.Failed(out string? failure, out BranchOutcome? culprit))
        {
            RunReport report = ReportBuilder.Build(session, strategy, policy, mainOutcomes, null, failure);
            activity?.SetStatus(ActivityStatusCode.Error, failure);
            throw new RunFailedException(failure!, mainOutcomes, report, culprit?.Label, culprit?.Error);
        }

        var context = new AggregationContext(
            [.. mainOutcomes.Where(o => o.Stage == RunStages.Main)],
            (stage, branches, ct) => RunStageAsync(session, stage, branches, limits, tokens with { Caller = ct, Stop = CancellationToken.None }),
            session.Time);
        AggregationResult<TResult> result;
        try
        {
            result = await aggregation.CompleteAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw Canceled(session, strategy, policy, cancellationToken);
        }
        catch (AggregationException ex)
        {
            IReadOnlyList<BranchOutcome> all = session.Outcomes();
            string message = $"The {strategy} aggregator could not decide: {ex.Message}";
            session.Event(TimelineEventKind.AggregationFailed, detail: ex.Message);
            activity?.SetStatus(ActivityStatusCode.Error, message);
            throw new RunFailedException(message, all, ReportBuilder.Build(session, strategy, policy, all, null, message), null, ex);
        }

        AggregationDecision decision = WithSpendCapCut(result.Decision, session.Budget, plan.Branches.Count);
        session.Event(TimelineEventKind.Decided, detail: decision.Summary);
        IReadOnlyList<BranchOutcome> outcomes = session.Outcomes();
        RunReport finalReport = ReportBuilder.Build(session, strategy, policy, outcomes, decision, null);
        activity?.SetTag(GenAiAttributes.RunSpeedup, finalReport.Speedup);
        ChorusTelemetry.RunDuration.Record(finalReport.WallMs / 1000.0);
        return new RunResult<TResult>(result.Value, decision, outcomes, finalReport);
    }

    /// <summary>Runs branches concurrently and yields each outcome as it finishes, with no aggregation or failure policy.</summary>
    /// <param name="branches">The branches; at least one, with unique labels.</param>
    /// <param name="limits">The limits; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>Every branch's outcome in completion order; <see cref="BranchOutcome.Index"/> gives its position.</returns>
    /// <exception cref="ArgumentException">The branches are empty, two share a label, or the limits cap cost but a branch's model has no price.</exception>
    /// <remarks>
    /// Stopping the enumeration early cancels the branches still running and waits for them. When the caller's token is
    /// cancelled, every branch still yields an outcome (cancelled or skipped) and then the enumeration ends.
    /// </remarks>
    public IAsyncEnumerable<BranchOutcome> StreamAsync(IReadOnlyList<Branch> branches, RunLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(branches);
        PlanValidation.CheckBranches(branches, nameof(branches));
        Branch[] copy = [.. branches];
        RunLimits snapshot = (limits ?? new RunLimits()).Copy();
        SpendBudget.CheckPrices(snapshot, copy, _settings.Prices, nameof(limits));
        return StreamCoreAsync(copy, snapshot, cancellationToken);
    }

    private async IAsyncEnumerable<BranchOutcome> StreamCoreAsync(Branch[] branches, RunLimits limits, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var session = new RunSession("stream", _settings) { Budget = SpendBudget.For(limits, _settings) };
        using CancellationTokenSource? deadline = limits.Deadline is { } d ? new CancellationTokenSource(d, session.Time) : null;
        var tokens = new StageTokens(cancellationToken, CancellationToken.None, deadline?.Token ?? CancellationToken.None);
        await foreach (BranchOutcome outcome in StageExecutor.RunAsync(session, RunStages.Main, branches, limits, tokens).ConfigureAwait(false))
        {
            yield return outcome;
        }
    }

    private static async Task<IReadOnlyList<BranchOutcome>> RunStageAsync(
        RunSession session, string stage, IReadOnlyList<Branch> branches, RunLimits limits, StageTokens tokens)
    {
        PlanValidation.CheckBranches(branches, nameof(branches));
        var outcomes = new BranchOutcome[branches.Count];
        await foreach (BranchOutcome outcome in StageExecutor.RunAsync(session, stage, branches, limits, tokens).ConfigureAwait(false))
        {
            outcomes[outcome.Index] = outcome;
        }

        tokens.Caller.ThrowIfCancellationRequested();
        return outcomes;
    }

    // A cap must never change an answer silently: the decision says which branches it kept from starting.
    private static AggregationDecision WithSpendCapCut(AggregationDecision decision, SpendBudget? budget, int branchCount)
    {
        if (budget?.Skipped() is not { Count: > 0 } cut)
        {
            return decision;
        }

        string labels = AggregationText.Labels(cut);
        return decision with
        {
            Summary = $"{decision.Summary}; the spend cap kept {cut.Count} of {branchCount} branches from starting ({labels}), so they were not counted",
            Evidence = [.. decision.Evidence, new DecisionEvidence("spend_cap/skipped", cut.Count, "branches: " + labels)],
        };
    }

    private static RunCanceledException Canceled(RunSession session, string strategy, FailurePolicy policy, CancellationToken cancellationToken)
    {
        IReadOnlyList<BranchOutcome> all = session.Outcomes();
        session.Event(TimelineEventKind.Cancelled, detail: "the caller cancelled the run");
        RunReport report = ReportBuilder.Build(session, strategy, policy, all, null, "cancelled by the caller");
        return new RunCanceledException("The run was cancelled by the caller.", all, report, cancellationToken);
    }
}
