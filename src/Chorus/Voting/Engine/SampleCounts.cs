using Chorus.Internal;
using Chorus.Estimation;

namespace Chorus.Voting;

/// <summary>What happened to the samples the vote did not count: cancelled in flight, never started, or finished too late.</summary>
internal readonly record struct SampleCounts(int Cancelled, int Skipped, int Late, long CancelledTokens, bool Estimated)
{
    public static SampleCounts From(AggregationContext context, VoteAggregation aggregation)
    {
        int cancelled = 0, skipped = 0, late = 0;
        long tokens = 0;
        bool estimated = false;
        foreach (BranchOutcome outcome in context.Outcomes)
        {
            if (outcome.Stage != RunStages.Main || aggregation.WasCounted(outcome.Index))
            {
                continue;
            }

            switch (outcome.Status)
            {
                case BranchStatus.Cancelled:
                    cancelled++;
                    tokens += (outcome.Usage?.InputTokenCount ?? 0) + (outcome.Usage?.OutputTokenCount ?? 0);
                    estimated |= TokenEstimator.IsEstimated(outcome.Usage);
                    break;
                case BranchStatus.Skipped:
                    skipped++;
                    break;
                default:
                    late++;
                    break;
            }
        }

        return new SampleCounts(cancelled, skipped, late, tokens, estimated);
    }
}
