using Chorus.Journaling;
using Microsoft.Extensions.AI;

namespace Chorus.TestKit;

/// <summary>
/// Behaviour every <see cref="IBranchJournal"/> shares (the <see cref="IBranchJournal"/> remarks): a record is found by its
/// fingerprint with every field intact, a second record with the same fingerprint replaces the first, the cache key finds
/// the most recent record that has it, concurrent writers lose nothing, and arguments and cancellation are checked first.
/// Each journal's tests derive from this (like RL's BaseRateLimiterTests); a derived class that owns files implements
/// <see cref="IDisposable"/>, which xUnit calls after each test.
/// </summary>
public abstract class BranchJournalContractTests
{
    private static readonly DateTimeOffset s_t0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Creates an empty journal for one test.</summary>
    protected abstract IBranchJournal CreateJournal();

    /// <summary>Makes a record with every field set.</summary>
    public static JournalRecord Record(string fingerprint, string text = "42", string? cacheKey = null, DateTimeOffset? at = null) => new()
    {
        Fingerprint = fingerprint,
        CacheKey = cacheKey,
        Label = "label-" + fingerprint,
        Stage = "judge",
        Index = 3,
        Response = new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
        {
            ModelId = "sim-1",
            FinishReason = ChatFinishReason.Stop,
            Usage = new UsageDetails { InputTokenCount = 10, OutputTokenCount = 5, TotalTokenCount = 15 },
        },
        Usage = new UsageDetails { InputTokenCount = 10, OutputTokenCount = 5, TotalTokenCount = 15 },
        Model = "sim-1",
        UsedFallback = true,
        Duration = TimeSpan.FromMilliseconds(250),
        RecordedAt = at ?? s_t0,
    };

    [Fact]
    public async Task FindAsync_NothingRecorded_ReturnsNull()
    {
        IBranchJournal journal = CreateJournal();

        Assert.Null(await journal.FindAsync("f1"));
        Assert.Null(await journal.FindCachedAsync("c1"));
    }

    [Fact]
    public async Task RecordAsync_ThenFindAsync_ReturnsEveryField()
    {
        IBranchJournal journal = CreateJournal();

        await journal.RecordAsync(Record("f1", "forty-two", cacheKey: "c1"));
        JournalRecord? found = await journal.FindAsync("f1");

        Assert.NotNull(found);
        Assert.Equal(("f1", "c1", "label-f1", "judge", 3, "sim-1", true), (found.Fingerprint, found.CacheKey, found.Label, found.Stage, found.Index, found.Model, found.UsedFallback));
        Assert.Equal(("forty-two", "sim-1", ChatFinishReason.Stop), (found.Response.Text, found.Response.ModelId, found.Response.FinishReason));
        Assert.Equal((10L, 5L, 15L), (found.Usage!.InputTokenCount!.Value, found.Usage.OutputTokenCount!.Value, found.Usage.TotalTokenCount!.Value));
        Assert.Equal(TimeSpan.FromMilliseconds(250), found.Duration);
        Assert.Equal(s_t0, found.RecordedAt);
        Assert.Null(await journal.FindAsync("f2"));
    }

    [Fact]
    public async Task RecordAsync_SameFingerprintTwice_FindReturnsTheLatest()
    {
        IBranchJournal journal = CreateJournal();

        await journal.RecordAsync(Record("f1", "first"));
        await journal.RecordAsync(Record("f1", "second", at: s_t0.AddMinutes(1)));

        Assert.Equal("second", (await journal.FindAsync("f1"))!.Response.Text);
    }

    [Fact]
    public async Task FindCachedAsync_SeveralRecordsWithTheKey_ReturnsTheMostRecent()
    {
        IBranchJournal journal = CreateJournal();

        await journal.RecordAsync(Record("f1", "old", cacheKey: "c", at: s_t0));
        await journal.RecordAsync(Record("f2", "new", cacheKey: "c", at: s_t0.AddMinutes(1)));
        await journal.RecordAsync(Record("f3", "other", cacheKey: null, at: s_t0.AddMinutes(2)));

        Assert.Equal("new", (await journal.FindCachedAsync("c"))!.Response.Text);
        Assert.Null(await journal.FindCachedAsync("missing"));
    }

    [Fact]
    public async Task FindCachedAsync_RecordWithoutKey_IsFoundOnlyByFingerprint()
    {
        IBranchJournal journal = CreateJournal();

        await journal.RecordAsync(Record("f1"));

        Assert.Null(await journal.FindCachedAsync("f1"));
        Assert.NotNull(await journal.FindAsync("f1"));
    }

    [Fact]
    public async Task FindAsync_Twice_ReturnsEqualButSeparateResponses()
    {
        IBranchJournal journal = CreateJournal();
        await journal.RecordAsync(Record("f1"));

        JournalRecord first = (await journal.FindAsync("f1"))!;
        first.Response.Messages.Clear();   // a replay must not be able to change what the next replay sees
        JournalRecord second = (await journal.FindAsync("f1"))!;

        Assert.Equal("42", second.Response.Text);
    }

    [Fact]
    public async Task RecordAsync_ConcurrentWriters_KeepEveryRecord()
    {
        IBranchJournal journal = CreateJournal();
        using var start = new ManualResetEventSlim();

        // Four writers, each on its own thread, released together.
        Task[] writers = [.. Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            start.Wait();
            for (int i = 0; i < 10; i++)
            {
                await journal.RecordAsync(Record($"w{w}-{i}"));
            }
        }))];
        start.Set();
        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(60));   // hang guard only

        for (int w = 0; w < 4; w++)
        {
            for (int i = 0; i < 10; i++)
            {
                Assert.Equal($"label-w{w}-{i}", (await journal.FindAsync($"w{w}-{i}"))?.Label);
            }
        }
    }

    [Fact]
    public async Task Methods_NullArgument_ThrowArgumentNull()
    {
        IBranchJournal journal = CreateJournal();

        await Assert.ThrowsAsync<ArgumentNullException>(() => journal.FindAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => journal.FindCachedAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => journal.RecordAsync(null!));
    }

    [Fact]
    public async Task Methods_CancelledToken_ThrowAndRecordNothing()
    {
        IBranchJournal journal = CreateJournal();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => journal.RecordAsync(Record("f1", cacheKey: "c"), cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => journal.FindAsync("f1", cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => journal.FindCachedAsync("c", cts.Token));
        Assert.Null(await journal.FindAsync("f1"));
    }
}
