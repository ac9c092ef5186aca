using Microsoft.Extensions.AI;
using Chorus.Diagnostics;
using Chorus.Journaling;

namespace Chorus.Running;

/// <summary>The runner's use of a journal: look a branch up before it calls, replay a hit, record a success. Never throws.</summary>
internal static class BranchJournaling
{
    public static async Task<JournalLookup> FindAsync(RunSession session, IBranchJournal journal, Branch branch, string stage, int index, CancellationToken token)
    {
        string fingerprint = BranchFingerprint.ForBranch(branch, stage, index);
        string? cacheKey = BranchFingerprint.CacheKeyFor(branch);
        try
        {
            JournalRecord? record = await journal.FindAsync(fingerprint, token).ConfigureAwait(false);
            if (record is not null && record.Fingerprint != fingerprint)
            {
                // Never replay an answer recorded for another request: a miss, with the reason on the timeline.
                session.Event(TimelineEventKind.JournalError, branch.Label, stage, $"lookup returned a record whose fingerprint does not match ({record.Fingerprint}), calling instead");
                record = null;
            }
            else if (record is not null)
            {
                return new JournalLookup(fingerprint, cacheKey, record, ReplaySource.Journal);
            }

            if (session.Settings.CacheDeterministic && cacheKey is not null)
            {
                record = await journal.FindCachedAsync(cacheKey, token).ConfigureAwait(false);
                if (record is not null)
                {
                    return new JournalLookup(fingerprint, cacheKey, record, ReplaySource.Cache);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The run stopped while looking: the call that follows sees the same token and ends as cancelled or skipped.
        }
#pragma warning disable CA1031 // A journal that fails costs money (the branch calls), never the run.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            session.Event(TimelineEventKind.JournalError, branch.Label, stage, "lookup failed, calling instead: " + ex.Message);
        }

        return new JournalLookup(fingerprint, cacheKey, null, ReplaySource.Journal);
    }

    public static BranchOutcome Replay(RunSession session, string stage, int index, Branch branch, JournalLookup lookup, TimeSpan queuedAt)
    {
        JournalRecord record = lookup.Record!;
        TimeSpan now = session.Now;
        string source = lookup.Source == ReplaySource.Cache ? "cache" : "journal";
        session.Event(TimelineEventKind.Replayed, branch.Label, stage, $"from the {source}, recorded {record.RecordedAt:u} as '{record.Label}'");
        session.Event(TimelineEventKind.Succeeded, branch.Label, stage);
        ChorusTelemetry.Branches.Add(1, new KeyValuePair<string, object?>(GenAiAttributes.BranchStatus, "replayed"));
        return new BranchOutcome
        {
            Index = index,
            Label = branch.Label,
            Stage = stage,
            Status = BranchStatus.Succeeded,
            Response = record.Response,
            Model = record.Model,
            UsedFallback = record.UsedFallback,
            Timing = new BranchTiming(queuedAt, now, null, now),
            ReplayedFrom = lookup.Source,
            SavedUsage = record.Usage,
        };
    }

    public static async Task RecordAsync(
        RunSession session, IBranchJournal journal, Branch branch, string stage, int index, JournalLookup lookup, CallResult result, UsageDetails? usage, bool usedFallback, TimeSpan duration)
    {
        if (result.Response is not { } response)
        {
            return;
        }

        var record = new JournalRecord
        {
            Fingerprint = lookup.Fingerprint,
            // An answer from the fallback is the fallback model's: cached under its own request, never the primary's.
            CacheKey = usedFallback && branch.FallbackClient is { } fallback
                ? BranchFingerprint.CacheKeyOfRequest(fallback, branch.Messages, branch.FallbackOptions ?? branch.Options)
                : lookup.CacheKey,
            Label = branch.Label,
            Stage = stage,
            Index = index,
            Response = response,
            Usage = usage,
            Model = result.Model,
            UsedFallback = usedFallback,
            Duration = duration,
            RecordedAt = session.Time.GetUtcNow(),
        };
        try
        {
            // Not the branch's token: an answer that was paid for is kept even when the run stops right after it.
            await journal.RecordAsync(record, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The branch succeeded; a journal that cannot keep it costs a re-run, never this run.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            session.Event(TimelineEventKind.JournalError, branch.Label, stage, "could not record the answer: " + ex.Message);
        }
    }
}
