using Microsoft.Extensions.AI;
using Chorus.Internal;

namespace Chorus.Estimation;

/// <summary>Estimates what a plan will cost before it is launched (the pre-flight check behind <c>--dry-run</c> and spend caps).</summary>
/// <remarks>
/// Prompt tokens are counted as the simulator and most BPE tokenizers average: a token per four characters plus four per
/// message. Output is the branch's <see cref="ChatOptions.MaxOutputTokens"/>, else <c>expectedOutputTokens</c>, times the
/// samples it asks for (<c>n</c>). Judges and jurors are included: their prompts hold every candidate. Thread-safe.
/// </remarks>
public static partial class PlanEstimator
{
    /// <summary>The output length assumed for a call that sets no max output tokens.</summary>
    public const int DefaultExpectedOutputTokens = 256;

    private const string SampleCountKey = "n";

    /// <summary>Estimates a plan.</summary>
    /// <typeparam name="TResult">The type of the plan's result.</typeparam>
    /// <param name="plan">The plan.</param>
    /// <param name="prices">The prices; <see langword="null"/> leaves every cost unknown.</param>
    /// <param name="expectedOutputTokens">The output length assumed for a call that sets no max output tokens.</param>
    /// <returns>The estimate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="expectedOutputTokens"/> is negative.</exception>
    public static RunEstimate Estimate<TResult>(Plan<TResult> plan, PriceTable? prices = null, int expectedOutputTokens = DefaultExpectedOutputTokens)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedOutputTokens);
        PriceTable table = prices ?? PriceTable.Empty;
        var calls = new List<BranchEstimate>(plan.Branches.Count + 1);
        foreach (Branch branch in plan.Branches)
        {
            calls.Add(EstimateBranch(branch, RunStages.Main, table, expectedOutputTokens));
        }

        if (plan.Aggregator is IFollowUpEstimator followUps && calls.Count > 0)
        {
            long perCandidate = calls.Max(c => c.OutputTokens);
            foreach (FollowUpCall call in followUps.FollowUpCalls(calls.Count, perCandidate))
            {
                calls.Add(Price(call.Label, call.Stage, ModelOf(call.Client, call.Options), call.PromptTokens, OutputOf(call.Options, expectedOutputTokens), table));
            }
        }

        return new RunEstimate { Calls = calls };
    }

    /// <summary>Estimates one branch.</summary>
    /// <param name="branch">The branch.</param>
    /// <param name="stage">Its stage.</param>
    /// <param name="prices">The prices; <see langword="null"/> leaves the cost unknown.</param>
    /// <param name="expectedOutputTokens">The output length assumed when the branch sets no max output tokens.</param>
    /// <returns>The estimate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="branch"/> or <paramref name="stage"/> is <see langword="null"/>.</exception>
    public static BranchEstimate EstimateBranch(Branch branch, string stage, PriceTable? prices = null, int expectedOutputTokens = DefaultExpectedOutputTokens)
    {
        ArgumentNullException.ThrowIfNull(branch);
        ArgumentNullException.ThrowIfNull(stage);
        string? model = ModelOf(branch.Client, branch.Options);
        long input = TokenEstimator.Count(branch.Messages, model);
        if (branch.Options?.Instructions is { Length: > 0 } instructions)
        {
            input += TokenCounters.For(model).Count(instructions) + 4;
        }

        return Price(branch.Label, stage, model, input, OutputOf(branch.Options, expectedOutputTokens), prices ?? PriceTable.Empty);
    }

    internal static string? ModelOf(IChatClient client, ChatOptions? options) =>
        options?.ModelId ?? client.GetService<ChatClientMetadata>()?.DefaultModelId;

    private static long OutputOf(ChatOptions? options, int expectedOutputTokens)
    {
        long perSample = options?.MaxOutputTokens ?? expectedOutputTokens;
        int samples = options?.AdditionalProperties?.TryGetValue(SampleCountKey, out object? n) == true && n is int count && count > 1 ? count : 1;
        return perSample * samples;
    }

    private static BranchEstimate Price(string label, string stage, string? model, long input, long output, PriceTable prices) =>
        new(label, stage, model, input, output, prices.CostOf(model, input, output));
}
