using Chorus.Tests.Running;
using Microsoft.Extensions.AI;
using Chorus.Journaling;

namespace Chorus.Tests.Journaling;

public class JournalRunnerTests
{
    private static Plan<string> SamplesPlan(IChatClient client, int n, ChatOptions? options = null, string prefix = "sample") =>
        new("vote", [.. Enumerable.Range(1, n).Select(i => new Branch($"{prefix}-{i}", client, "What is 6 x 7?", options))], new RecordingAggregator(), limits: new RunLimits { MaxConcurrency = 1 });

    private static ScriptedChatClient CountingClient()
    {
        int answer = 0;
        return new ScriptedChatClient((_, _, _) => Task.FromResult(ScriptedChatClient.Reply($"answer {Interlocked.Increment(ref answer)}", 10, 5)));
    }

    [Fact]
    public async Task RunAsync_ResumedRunThatSettledLastTime_ReplaysItsHitsFirstAndCallsNothing()
    {
        // First run: samples 1 and 2 hang, 3-5 answer; the aggregator settles on three answers and cancels 1 and 2.
        var gate = new Gate();
        var first = new ScriptedChatClient((m, _, ct) => gate.RunAsync(async () =>
        {
            await gate.WhenStarted(5);
            if (m.Last().Text.EndsWith("#1", StringComparison.Ordinal) || m.Last().Text.EndsWith("#2", StringComparison.Ordinal))
            {
                await Task.Delay(Timeout.Infinite, ct);
            }

            return ScriptedChatClient.Reply("yes", 10, 5);
        }));
        var journal = new InMemoryBranchJournal();
        var runner = new PlanRunner(new PlanRunnerOptions { Journal = journal });
        Plan<string> Plan(IChatClient client) => new("resume", [.. Enumerable.Range(1, 5).Select(i => new Branch($"sample-{i}", client, $"q #{i}"))],
            new RecordingAggregator(settle: added => added.Count(o => o.Succeeded) == 3), limits: new RunLimits { MaxConcurrency = 5 });
        RunResult<string> firstRun = await runner.RunAsync(Plan(first)).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal([BranchStatus.Cancelled, BranchStatus.Cancelled], firstRun.Outcomes.Take(2).Select(o => o.Status));

        // Second run: in index order it would call sample 1 first; replaying the three hits first settles with no call at all.
        var second = new ScriptedChatClient("should not be called");
        RunResult<string> secondRun = await runner.RunAsync(Plan(second)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, second.Calls);
        Assert.Equal(3, secondRun.Report.Replayed);
        Assert.Equal([BranchStatus.Skipped, BranchStatus.Skipped], secondRun.Outcomes.Take(2).Select(o => o.Status));
        Assert.Equal(0, secondRun.Report.TotalTokens);
    }

    [Fact]
    public async Task RunAsync_SameJournalTwice_SecondRunCallsNothingAndReplaysEverySampleAsItself()
    {
        ScriptedChatClient client = CountingClient();
        var runner = new PlanRunner(new PlanRunnerOptions { Journal = new InMemoryBranchJournal() });

        RunResult<string> first = await runner.RunAsync(SamplesPlan(client, 5));
        RunResult<string> second = await runner.RunAsync(SamplesPlan(client, 5));

        Assert.Equal(5, client.Calls);
        Assert.Equal("answer 1,answer 2,answer 3,answer 4,answer 5", first.Value);
        Assert.Equal(first.Value, second.Value);
        Assert.All(second.Outcomes, o => Assert.Equal(ReplaySource.Journal, o.ReplayedFrom));
        Assert.All(second.Outcomes, o => Assert.Empty(o.Attempts));
        Assert.Equal(5, second.Report.Replayed);
        Assert.Equal(0, second.Report.CacheHits);
        Assert.Equal(0, second.Report.TotalTokens);
        Assert.Equal(75, second.Report.SavedTokens);
        Assert.Equal("journal", second.Report.Branches[0].Replayed);
        Assert.Equal(15, second.Report.Branches[0].SavedTokens);
        Assert.Equal(0, first.Report.Replayed);
        Assert.Equal(75, first.Report.TotalTokens);
        Assert.Equal(0, first.Report.SavedTokens);
        Assert.Null(first.Report.Branches[0].Replayed);
        Assert.Contains(second.Report.Timeline, e => WireNames.Of(e.Kind) == "replayed" && e.Branch == "sample-1");
    }

    [Fact]
    public async Task RunAsync_FailedBranch_IsNotJournaledAndRunsAgain()
    {
        int calls = 0;
        var client = new ScriptedChatClient((m, _, _) =>
        {
            int call = Interlocked.Increment(ref calls);
            return call == 2 ? throw new InvalidOperationException("boom") : Task.FromResult(ScriptedChatClient.Reply("ok"));
        });
        var journal = new InMemoryBranchJournal();
        var runner = new PlanRunner(new PlanRunnerOptions { Journal = journal });

        RunResult<string> first = await runner.RunAsync(SamplesPlan(client, 3));
        Assert.Equal(BranchStatus.Failed, first.Outcomes[1].Status);
        Assert.Equal(2, journal.Count);

        RunResult<string> second = await runner.RunAsync(SamplesPlan(client, 3));
        Assert.Equal(4, client.Calls);
        Assert.Equal([ReplaySource.Journal, null, ReplaySource.Journal], second.Outcomes.Select(o => o.ReplayedFrom));
        Assert.All(second.Outcomes, o => Assert.True(o.Succeeded));
        Assert.Equal(3, journal.Count);
    }

    [Fact]
    public async Task RunAsync_CancelledMidCall_IsNotJournaled()
    {
        var gate = new Gate();
        var client = new ScriptedChatClient((_, _, ct) => gate.RunAsync(async () =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return ScriptedChatClient.Reply("never");
        }));
        var journal = new InMemoryBranchJournal();
        var runner = new PlanRunner(new PlanRunnerOptions { Journal = journal });
        using var cts = new CancellationTokenSource();

        Task<RunResult<string>> run = runner.RunAsync(SamplesPlan(client, 2), cts.Token);
        await gate.WhenStarted(1);
        cts.Cancel();

        await Assert.ThrowsAsync<RunCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, journal.Count);
    }

    [Fact]
    public async Task RunAsync_OtherLabelsForTheSameRequest_AreNotReplayedWithoutCacheMode()
    {
        ScriptedChatClient client = CountingClient();
        var runner = new PlanRunner(new PlanRunnerOptions { Journal = new InMemoryBranchJournal() });
        var zero = new ChatOptions { Temperature = 0 };

        await runner.RunAsync(SamplesPlan(client, 1, zero));
        RunResult<string> second = await runner.RunAsync(SamplesPlan(client, 3, zero, prefix: "other"));

        Assert.Equal(4, client.Calls);
        Assert.Equal(0, second.Report.CacheHits);
    }

    [Fact]
    public async Task RunAsync_CacheModeDeterministicRequest_ServedFromAnyEarlierSample()
    {
        ScriptedChatClient client = CountingClient();
        var runner = new PlanRunner(new PlanRunnerOptions { Journal = new InMemoryBranchJournal(), CacheDeterministic = true });
        var zero = new ChatOptions { Temperature = 0 };

        await runner.RunAsync(SamplesPlan(client, 1, zero));
        RunResult<string> second = await runner.RunAsync(SamplesPlan(client, 3, zero, prefix: "other"));

        Assert.Equal(1, client.Calls);
        Assert.Equal("answer 1,answer 1,answer 1", second.Value);
        Assert.Equal(3, second.Report.CacheHits);
        Assert.Equal(0, second.Report.Replayed);
        Assert.Equal(45, second.Report.SavedTokens);
        Assert.All(second.Report.Branches, b => Assert.Equal("cache", b.Replayed));
    }

    [Fact]
    public async Task RunAsync_CacheModeSampledRequest_IsNeverShared()
    {
        ScriptedChatClient client = CountingClient();
        var runner = new PlanRunner(new PlanRunnerOptions { Journal = new InMemoryBranchJournal(), CacheDeterministic = true });
        var sampled = new ChatOptions { Temperature = 0.8f };

        await runner.RunAsync(SamplesPlan(client, 1, sampled));
        RunResult<string> second = await runner.RunAsync(SamplesPlan(client, 2, sampled, prefix: "other"));

        Assert.Equal(3, client.Calls);
        Assert.Equal(0, second.Report.CacheHits);
    }

    [Fact]
    public async Task RunAsync_JournalThrows_BranchesStillRunAndErrorsAreCounted()
    {
        var client = new ScriptedChatClient("ok");
        var runner = new PlanRunner(new PlanRunnerOptions { Journal = new BrokenJournal() });

        RunResult<string> result = await runner.RunAsync(SamplesPlan(client, 2));

        Assert.Equal(2, client.Calls);
        Assert.All(result.Outcomes, o => Assert.True(o.Succeeded));
        Assert.Equal(4, result.Report.JournalErrors);
        Assert.Contains(result.Report.Timeline, e => WireNames.Of(e.Kind) == "journal_error" && e.Detail == "lookup failed, calling instead: disk on fire");
        Assert.Contains(result.Report.Timeline, e => WireNames.Of(e.Kind) == "journal_error" && e.Detail == "could not record the answer: disk on fire");
    }

    [Fact]
    public async Task RunAsync_CallerCancelsDuringLookup_NoJournalErrorAndTheRunIsCancelled()
    {
        var journal = new GatedJournal();
        var runner = new PlanRunner(new PlanRunnerOptions { Journal = journal });
        var client = new ScriptedChatClient("ok");
        using var cts = new CancellationTokenSource();

        Task<RunResult<string>> run = runner.RunAsync(SamplesPlan(client, 1), cts.Token);
        await journal.Looking.Task.WaitAsync(TimeSpan.FromSeconds(10));
        cts.Cancel();

        RunCanceledException error = await Assert.ThrowsAsync<RunCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, error.Report!.JournalErrors);
        Assert.Equal(0, client.Calls);
    }

    [Fact]
    public void Options_Defaults_AreNoJournalNoCacheAnd256ExpectedTokens()
    {
        var options = new PlanRunnerOptions();

        Assert.Null(options.Journal);
        Assert.False(options.CacheDeterministic);
        Assert.Equal(256, options.ExpectedOutputTokens);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.ExpectedOutputTokens = -1);
    }

    [Fact]
    public void Constructor_CacheModeWithoutJournal_Throws()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => new PlanRunner(new PlanRunnerOptions { CacheDeterministic = true }));

        Assert.StartsWith("CacheDeterministic needs a Journal to serve cached answers from; set one or turn cache mode off.", error.Message);
    }

    private sealed class GatedJournal : IBranchJournal
    {
        public TaskCompletionSource Looking { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<JournalRecord?> FindAsync(string fingerprint, CancellationToken cancellationToken = default)
        {
            Looking.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return null;
        }

        public Task<JournalRecord?> FindCachedAsync(string cacheKey, CancellationToken cancellationToken = default) => Task.FromResult<JournalRecord?>(null);

        public Task RecordAsync(JournalRecord record, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }

    private sealed class BrokenJournal : IBranchJournal
    {
        public Task<JournalRecord?> FindAsync(string fingerprint, CancellationToken cancellationToken = default) => throw new IOException("disk on fire");

        public Task<JournalRecord?> FindCachedAsync(string cacheKey, CancellationToken cancellationToken = default) => throw new IOException("disk on fire");

        public Task RecordAsync(JournalRecord record, CancellationToken cancellationToken = default) => throw new IOException("disk on fire");
    }
}
