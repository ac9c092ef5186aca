using Chorus.Internal;
using Chorus.Journaling;

namespace Chorus.Estimation;

/// <content>Estimating a plan against a journal: what is already journaled costs nothing, and observed output lengths replace the assumed one.</content>
public static partial class PlanEstimator
{
    /// <summary>Estimates a plan as a re-run against a journal would spend it (<c>--dry-run --journal</c>).</summary>
    /// <typeparam name="TResult">The type of the joined result.</typeparam>
    /// <param name="plan">The plan.</param>
    /// <param name="journal">The journal; <see langword="null"/> gives <see cref="Estimate{TResult}"/>.</param>
    /// <param name="cacheDeterministic">Whether deterministic requests may be answered from any earlier run (cache mode).</param>
    /// <param name="prices">The prices; <see langword="null"/> leaves costs unknown.</param>
    /// <param name="expectedOutputTokens">The output length assumed when nothing better is known.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The estimate: journaled main-stage branches at zero; the others with the mean output the journaled ones really produced, where known and the branch sets no maximum.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> is <see langword="null"/>.</exception>
    /// <remarks>A record the journal cannot read counts as a miss: the branch would be paid for again.</remarks>
    public static async Task<RunEstimate> EstimateAsync<TResult>(
        Plan<TResult> plan, IBranchJournal? journal, bool cacheDeterministic = false, PriceTable? prices = null, int expectedOutputTokens = DefaultExpectedOutputTokens, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        RunEstimate estimate = Estimate(plan, prices, expectedOutputTokens);
        if (journal is null)
        {
            return estimate;
        }

        var hits = new HashSet<string>(StringComparer.Ordinal);
        var observed = new List<long>();
        for (int i = 0; i < plan.Branches.Count; i++)
        {
            Branch branch = plan.Branches[i];
            JournalRecord? record = null;
            try
            {
                record = await journal.FindAsync(BranchFingerprint.ForBranch(branch, RunStages.Main, i), cancellationToken).ConfigureAwait(false);
                if (record is null && cacheDeterministic && BranchFingerprint.CacheKeyFor(branch) is { } key)
                {
                    record = await journal.FindCachedAsync(key, cancellationToken).ConfigureAwait(false);
                }
            }
#pragma warning disable CA1031 // An unreadable record is a miss: the branch would be paid for again.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                record = null;
            }

            if (record is not null)
            {
                hits.Add(branch.Label);
                if (record.Usage?.OutputTokenCount is { } output && !TokenEstimator.IsUnknown(record.Usage))
                {
                    observed.Add(output);
                }
            }
        }

        long? observedOutput = observed.Count > 0 ? (long)Math.Ceiling(observed.Average()) : null;
        PriceTable table = prices ?? PriceTable.Empty;
        var calls = new List<BranchEstimate>(estimate.Calls.Count);
        foreach (BranchEstimate call in estimate.Calls)
        {
            Branch? branch = call.Stage == RunStages.Main ? plan.Branches.FirstOrDefault(b => b.Label == call.Label) : null;
            if (branch is not null && hits.Contains(call.Label))
            {
                calls.Add(call with { InputTokens = 0, OutputTokens = 0, Cost = 0m });
            }
            else if (branch is not null && observedOutput is { } output && branch.Options?.MaxOutputTokens is null)
            {
                calls.Add(Price(call.Label, call.Stage, call.Model, call.InputTokens, output, table));
            }
            else
            {
                calls.Add(call);
            }
        }

        return new RunEstimate { Calls = calls };
    }
}
