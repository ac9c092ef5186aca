using Microsoft.Extensions.AI;

namespace Chorus;

/// <summary>How one branch ended: its response or error, usage, timings and attempts.</summary>
/// <remarks>
/// A branch never throws into the run: its error is captured here and the plan's <see cref="FailurePolicy"/> decides.
/// Caller cancellation is the exception: it is not a branch outcome, it cancels the whole run.
/// </remarks>
public sealed record BranchOutcome
{
    /// <summary>Gets the branch's position in its stage's branch list.</summary>
    public required int Index { get; init; }

    /// <summary>Gets the branch's label.</summary>
    public required string Label { get; init; }

    /// <summary>Gets the stage that ran the branch: <c>main</c> for the plan's branches, or the aggregator's stage name (for example <c>judge</c>).</summary>
    public string Stage { get; init; } = RunStages.Main;

    /// <summary>Gets how the branch ended.</summary>
    public required BranchStatus Status { get; init; }

    /// <summary>Gets the response when the branch succeeded (or the partial response streamed before it was cancelled); otherwise <see langword="null"/>.</summary>
    public ChatResponse? Response { get; init; }

    /// <summary>Gets the tokens the branch used over all its attempts, cancelled work included; <see langword="null"/> when the provider reported none.</summary>
    public UsageDetails? Usage { get; init; }

    /// <summary>Gets the model that answered, from the response, the options or the client's metadata.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the error when the branch did not succeed: the call's exception, a <see cref="TimeoutException"/> or an <see cref="OperationCanceledException"/>.</summary>
    public Exception? Error { get; init; }

    /// <summary>Gets the branch's timings.</summary>
    public BranchTiming Timing { get; init; }

    /// <summary>Gets every call made for this branch, in order.</summary>
    public IReadOnlyList<AttemptRecord> Attempts { get; init; } = [];

    /// <summary>Gets a value indicating whether the answer came from the branch's fallback client.</summary>
    public bool UsedFallback { get; init; }

    /// <summary>Gets the time the branch spent waiting for the provider's budget (rate limits) rather than in flight, as reported by a scheduler.</summary>
    public TimeSpan ThrottleWait { get; init; }

    /// <summary>Gets the number of HTTP 429 (rate limited) answers the branch received.</summary>
    public int Http429 { get; init; }

    /// <summary>Gets the number of hedged attempts launched for the branch.</summary>
    public int Hedges { get; init; }

    /// <summary>Gets the number of hedged attempts whose answer was used.</summary>
    public int HedgesWon { get; init; }

    /// <summary>Gets the tokens charged for attempts whose answer was not used: failed, cancelled, or the loser of a hedge.</summary>
    public long WastedTokens
    {
        get
        {
            long wasted = 0;
            foreach (AttemptRecord a in Attempts)
            {
                wasted += a.Status == AttemptStatus.Ok ? 0 : (a.InputTokens ?? 0) + (a.OutputTokens ?? 0);
            }

            return wasted;
        }
    }

    /// <summary>Gets where the answer came from when the branch was replayed instead of called; <see langword="null"/> when it called its client.</summary>
    /// <remarks>A replayed branch has no attempts and no <see cref="Usage"/>: it spent nothing. What the recorded answer cost is in <see cref="SavedUsage"/>.</remarks>
    public ReplaySource? ReplayedFrom { get; init; }

    /// <summary>Gets the tokens a replay saved: what the recorded answer cost when it was first paid for; <see langword="null"/> when not replayed.</summary>
    public UsageDetails? SavedUsage { get; init; }

    /// <summary>Gets a value indicating whether the branch succeeded.</summary>
    public bool Succeeded => Status == BranchStatus.Succeeded;

    /// <summary>Gets the response text, or <see langword="null"/> when there is no response.</summary>
    public string? Text => Response?.Text;
}
