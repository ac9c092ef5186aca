using System.Globalization;
using Microsoft.Extensions.AI;
using Chorus.Estimation;

namespace Chorus.Running;

/// <summary>A run's spend cap: reserves each branch's estimate before it starts and replaces it with what it spent when it ends.</summary>
/// <remarks>
/// Committed spend is what finished branches spent plus the estimates of branches in flight, so concurrent branches cannot
/// together overshoot what one would be refused. A branch that does not fit while others are in flight waits for them
/// to finish and release their unused reservations, then is reconsidered: it is refused only on what was really spent.
/// That refusal is final: no later branch starts, so a run stops launching at one well-defined branch instead of
/// squeezing small ones in. One lock, never held across an await.
/// </remarks>
internal sealed class SpendBudget
{
    private readonly object _sync = new();
    private readonly long? _maxTokens;
    private readonly decimal? _maxCost;
    private readonly PriceTable _prices;
    private readonly int _expectedOutputTokens;
    private readonly List<string> _skipped = [];
    private long _tokens;
    private decimal _cost;
    private bool _exhausted;
    private int _inFlight;
    private TaskCompletionSource? _released;

    private SpendBudget(long? maxTokens, decimal? maxCost, PriceTable prices, int expectedOutputTokens)
    {
        _maxTokens = maxTokens;
        _maxCost = maxCost;
        _prices = prices;
        _expectedOutputTokens = expectedOutputTokens;
    }

    public long? MaxTokens => _maxTokens;

    public decimal? MaxCost => _maxCost;

    /// <summary>Creates the budget of a run, or <see langword="null"/> when its limits set no cap.</summary>
    public static SpendBudget? For(RunLimits limits, RunnerSettings settings) =>
        limits.MaxTokens is null && limits.MaxCost is null ? null : new SpendBudget(limits.MaxTokens, limits.MaxCost, settings.Prices, settings.ExpectedOutputTokens);

    /// <summary>Checks, when the run starts, that a cost cap can be enforced: every branch's model must have a price.</summary>
    public static void CheckPrices(RunLimits limits, IReadOnlyList<Branch> branches, PriceTable prices, string paramName)
    {
        if (limits.MaxCost is not { } cap)
        {
            return;
        }

        foreach (Branch branch in branches)
        {
            string? model = PlanEstimator.ModelOf(branch.Client, branch.Options);
            if (!prices.TryGetPrice(model, out _))
            {
                throw new ArgumentException(
                    $"The plan's {nameof(RunLimits.MaxCost)} of {cap.ToString(CultureInfo.InvariantCulture)} needs a price for every branch's model, "
                    + $"but branch '{branch.Label}' asks for model '{model ?? "(unknown)"}', which {nameof(PlanRunnerOptions)}.{nameof(PlanRunnerOptions.Prices)} does not price.",
                    paramName);
            }
        }
    }

    /// <summary>Reserves a branch's estimate, waiting while reservations in flight may still be released; or says why it must not start.</summary>
    /// <param name="branch">The branch.</param>
    /// <param name="stage">The branch's stage.</param>
    /// <param name="onWait">Called once, outside the lock, if the branch has to wait for room.</param>
    /// <param name="cancellationToken">Stops the wait (the run stopped or was cancelled).</param>
    /// <returns>The reservation, or the refusal when the branch does not fit even with nothing in flight.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while the branch waited.</exception>
    public async ValueTask<(BranchEstimate Reservation, SpendCapException? Refusal)> ReserveAsync(
        Branch branch, string stage, Action<SpendCapException>? onWait, CancellationToken cancellationToken)
    {
        BranchEstimate reservation = PlanEstimator.EstimateBranch(branch, stage, _prices, _expectedOutputTokens);
        bool waited = false;
        while (true)
        {
            Task released;
            SpendCapException? refusal;
            lock (_sync)
            {
                refusal = Check(branch, reservation);
                if (refusal is null)
                {
                    _tokens += reservation.TotalTokens;
                    _cost += reservation.Cost ?? 0;
                    _inFlight++;
                    return (reservation, null);
                }

                if (_exhausted || _inFlight == 0)
                {
                    // Nothing in flight can give anything back: what was spent is final, so is the refusal.
                    _exhausted = true;
                    _skipped.Add(branch.Label);
                    return (reservation, refusal);
                }

                _released ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                released = _released.Task;
            }

            if (!waited)
            {
                waited = true;
                onWait?.Invoke(refusal);
            }

            await released.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    // Called under the lock.
    private SpendCapException? Check(Branch branch, BranchEstimate reservation)
    {
        decimal estimateCost = reservation.Cost ?? 0;
        if (_exhausted)
        {
            return Refuse(branch, "an earlier branch was refused", reservation, estimateCost);
        }

        if (_maxTokens is { } maxTokens && _tokens + reservation.TotalTokens > maxTokens)
        {
            return new SpendCapException(
                $"Branch '{branch.Label}' was not started: with {_tokens} tokens spent or in flight, its estimate of {reservation.TotalTokens} tokens would cross the run's cap of {maxTokens} tokens.")
            {
                Cap = "tokens",
                Limit = maxTokens,
                Committed = _tokens,
                Estimate = reservation.TotalTokens,
            };
        }

        if (_maxCost is { } maxCost && _cost + estimateCost > maxCost)
        {
            return new SpendCapException(
                string.Create(CultureInfo.InvariantCulture, $"Branch '{branch.Label}' was not started: with {_cost:0.######} spent or in flight, its estimate of {estimateCost:0.######} would cross the run's cost cap of {maxCost:0.######}."))
            {
                Cap = "cost",
                Limit = maxCost,
                Committed = _cost,
                Estimate = estimateCost,
            };
        }

        return null;
    }

    /// <summary>Replaces a reservation with what the branch spent; without reported usage the estimate stands. Wakes branches waiting for room.</summary>
    public void Settle(BranchEstimate reservation, UsageDetails? usage, string? model)
    {
        TaskCompletionSource? released;
        lock (_sync)
        {
            if (usage is not null)
            {
                long input = usage.InputTokenCount ?? 0;
                long output = usage.OutputTokenCount ?? 0;
                decimal cost = _prices.CostOf(model, input, output) ?? _prices.CostOf(reservation.Model, input, output) ?? reservation.Cost ?? 0;
                _tokens += input + output - reservation.TotalTokens;
                _cost += cost - (reservation.Cost ?? 0);
            }

            _inFlight--;
            released = _released;
            _released = null;
        }

        released?.TrySetResult();
    }

    /// <summary>Gets the labels of the branches refused, in the order they were refused.</summary>
    public IReadOnlyList<string> Skipped()
    {
        lock (_sync)
        {
            return [.. _skipped];
        }
    }

    private SpendCapException Refuse(Branch branch, string why, BranchEstimate reservation, decimal estimateCost) =>
        new($"Branch '{branch.Label}' was not started: the run's spend cap was reached ({why}).")
        {
            Cap = _maxTokens is not null ? "tokens" : "cost",
            Limit = _maxTokens ?? _maxCost ?? 0,
            Committed = _maxTokens is not null ? _tokens : _cost,
            Estimate = _maxTokens is not null ? reservation.TotalTokens : estimateCost,
        };
}
