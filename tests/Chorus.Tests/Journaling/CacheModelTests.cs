using Chorus.TestKit;
using Chorus.Tests.Running;
using Microsoft.Extensions.AI;
using Chorus.Journaling;

namespace Chorus.Tests.Journaling;

/// <summary>Issue 12, item 6: a cached answer is only served for the model and endpoint that produced it.</summary>
public class CacheModelTests
{
    private static readonly ChatOptions Deterministic = new() { Temperature = 0 };

    private static Plan<string> Plan(IChatClient client, string label = "b") =>
        new("cache", [new Branch(label, client, "What is 6 x 7?", Deterministic)], new RecordingAggregator());

    [Fact]
    public async Task RunAsync_CacheModeModelFromClientMetadata_OtherModelIsNotServed()
    {
        var journal = new InMemoryBranchJournal();
        var runner = new PlanRunner(new PlanRunnerOptions { Journal = journal, CacheDeterministic = true });
        var m1 = new ScriptedChatClient("from m1") { ModelId = "m1" };
        var m2 = new ScriptedChatClient("from m2") { ModelId = "m2" };

        await runner.RunAsync(Plan(m1, "first"));
        RunResult<string> second = await runner.RunAsync(Plan(m2, "second"));

        Assert.Equal(1, m2.Calls);
        Assert.Equal("from m2", second.Outcomes[0].Text);
        Assert.Null(second.Outcomes[0].ReplayedFrom);
    }

    [Fact]
    public void CacheKeyFor_DifferentEndpointSameModel_DiffersFromEachOther()
    {
        var a = new Branch("b", new MetadataClient(new Uri("http://a.example/v1"), "m"), "q", Deterministic);
        var b = new Branch("b", new MetadataClient(new Uri("http://b.example/v1"), "m"), "q", Deterministic);

        Assert.NotEqual(BranchFingerprint.CacheKeyFor(a), BranchFingerprint.CacheKeyFor(b));
    }

    [Fact]
    public async Task RunAsync_CacheModeAnswerFromFallbackModel_NotServedForThePrimaryModel()
    {
        // The first run's primary (m1) fails and its fallback (m2) answers. That answer is m2's: a later deterministic
        // request to m1 must not be served it from the cache.
        var journal = new InMemoryBranchJournal();
        var runner = new PlanRunner(new PlanRunnerOptions { Journal = journal, CacheDeterministic = true });
        var failing = new ScriptedChatClient((_, _, _) => Task.FromException<ChatResponse>(new InvalidOperationException("down"))) { ModelId = "m1" };
        var fallback = new ScriptedChatClient("from m2") { ModelId = "m2" };
        var first = new Plan<string>("cache", [new Branch("first", failing, "What is 6 x 7?", Deterministic).WithFallback(fallback)], new RecordingAggregator());
        RunResult<string> firstRun = await runner.RunAsync(first);
        Assert.True(firstRun.Outcomes[0].UsedFallback);

        var m1 = new ScriptedChatClient("from m1") { ModelId = "m1" };
        RunResult<string> second = await runner.RunAsync(Plan(m1, "second"));

        Assert.Equal(1, m1.Calls);
        Assert.Equal("from m1", second.Outcomes[0].Text);
    }

    private sealed class MetadataClient(Uri endpoint, string model) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(ScriptedChatClient.Reply("x"));

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("p", endpoint, model) : null;

        public void Dispose()
        {
        }
    }
}
