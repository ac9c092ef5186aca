using System.Threading.Channels;
using Chorus.Journaling;

namespace Chorus.Running;

/// <summary>Runs one stage's branches with bounded concurrency and yields each outcome as it finishes.</summary>
/// <remarks>
/// A fixed pool of <see cref="RunLimits.MaxConcurrency"/> workers takes branches in index order, so concurrency is
/// bounded without one waiting task per branch. Every branch yields exactly one outcome, started or not. When the
/// enumeration ends, early or not, every worker has finished: nothing keeps running after the stage.
/// </remarks>
internal static class StageExecutor
{
    // observe is called with each outcome on the worker that produced it, before that worker takes another branch,
    // so a decision to stop (fail fast, quorum lost, answer settled) is made before anything else starts.
    public static async IAsyncEnumerable<BranchOutcome> RunAsync(
        RunSession session, string stage, IReadOnlyList<Branch> branches, RunLimits limits, StageTokens tokens, Action<BranchOutcome>? observe = null)
    {
        int count = branches.Count;
        if (count == 0)
        {
            yield break;
        }

        TimeSpan queuedAt = session.Now;
        for (int i = 0; i < count; i++)
        {
            session.Event(TimelineEventKind.Queued, branches[i].Label, stage);
        }

        // With a journal, look every branch up once before anything starts and replay the hits first: a resumed run
        // gives its aggregator everything it already paid for before it pays for anything new, so an answer that
        // settled last time settles again without a call.
        JournalLookup[]? lookups = session.Settings.Journal is { } journal
            ? await LookUpAsync(session, journal, stage, branches, tokens).ConfigureAwait(false)
            : null;
        int[]? order = lookups is null ? null : [.. Enumerable.Range(0, count).OrderBy(i => lookups[i].Record is null ? 1 : 0)];

        var channel = Channel.CreateUnbounded<BranchOutcome>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
        using var stageCts = CancellationTokenSource.CreateLinkedTokenSource(tokens.Caller, tokens.Stop, tokens.Deadline);
        // Replays are decided one by one before any worker starts: a worker must not begin paying for a miss while
        // another is still replaying the hit that settles the answer.
        int replayed = 0;
        while (order is not null && replayed < count && lookups![order[replayed]].Record is not null && !stageCts.IsCancellationRequested)
        {
            int index = order[replayed++];
            BranchOutcome outcome = BranchJournaling.Replay(session, stage, index, branches[index], lookups[index], queuedAt);
            session.Record(outcome);
            observe?.Invoke(outcome);
            channel.Writer.TryWrite(outcome);
        }

        var state = new StageState(session, stage, branches, order, lookups, limits, tokens, queuedAt, observe, replayed, channel.Writer, stageCts.Token);
        int workerCount = Math.Max(1, Math.Min(limits.MaxConcurrency, count - replayed));
        var workers = new Task[workerCount];
        for (int w = 0; w < workerCount; w++)
        {
            workers[w] = Task.Run(state.WorkAsync, CancellationToken.None);
        }

        Task completion = CompleteWhenDoneAsync(workers, channel.Writer);
        bool finished = false;
        try
        {
            // No cancellation token here on purpose: after a cancellation the workers finish promptly and every
            // branch still reports an outcome, so the caller's report is complete.
            await foreach (BranchOutcome outcome in channel.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                yield return outcome;
            }

            finished = true;
        }
        finally
        {
            if (!finished)
            {
                await stageCts.CancelAsync().ConfigureAwait(false);
            }

            await completion.ConfigureAwait(false);
        }
    }

    private static async Task<JournalLookup[]> LookUpAsync(RunSession session, IBranchJournal journal, string stage, IReadOnlyList<Branch> branches, StageTokens tokens)
    {
        using var lookupCts = CancellationTokenSource.CreateLinkedTokenSource(tokens.Caller, tokens.Stop, tokens.Deadline);
        var lookups = new JournalLookup[branches.Count];
        for (int i = 0; i < branches.Count; i++)
        {
            lookups[i] = await BranchJournaling.FindAsync(session, journal, branches[i], stage, i, lookupCts.Token).ConfigureAwait(false);
        }

        return lookups;
    }

    private static async Task CompleteWhenDoneAsync(Task[] workers, ChannelWriter<BranchOutcome> writer)
    {
        try
        {
            await Task.WhenAll(workers).ConfigureAwait(false);
            writer.TryComplete();
        }
#pragma warning disable CA1031 // Surfaced through the channel to the reader.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            writer.TryComplete(ex);
        }
    }

    private sealed class StageState(
        RunSession session,
        string stage,
        IReadOnlyList<Branch> branches,
        int[]? order,
        JournalLookup[]? lookups,
        RunLimits limits,
        StageTokens tokens,
        TimeSpan queuedAt,
        Action<BranchOutcome>? observe,
        int alreadyDone,
        ChannelWriter<BranchOutcome> writer,
        CancellationToken stageToken)
    {
        private int _next = alreadyDone - 1;

        public async Task WorkAsync()
        {
            int next;
            while ((next = Interlocked.Increment(ref _next)) < branches.Count)
            {
                int index = order is null ? next : order[next];
                Branch branch = branches[index];
                BranchOutcome outcome = stageToken.IsCancellationRequested
                    ? BranchExecutor.NotStarted(session, stage, index, branch, limits, tokens, queuedAt)
                    : await BranchExecutor.RunAsync(session, stage, index, branch, limits, tokens, queuedAt, lookups is null ? default : lookups[index], stageToken).ConfigureAwait(false);
                session.Record(outcome);
                observe?.Invoke(outcome);
                writer.TryWrite(outcome);
            }
        }
    }
}
