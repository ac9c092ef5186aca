using System.ClientModel;
using System.ClientModel.Primitives;
using Chorus.Simulator;
using Chorus.TestKit;
using Microsoft.Extensions.AI;
using OpenAI;
using SdkChatClient = OpenAI.Chat.ChatClient;
using Chorus.Providers;
using Chorus.Resilience;
using Chorus.Scheduling;

namespace Chorus.OpenAI.Tests.Integration;

/// <summary>The official OpenAI SDK (through Microsoft.Extensions.AI.OpenAI) against the simulator over loopback: no mocks of its types.</summary>
public sealed class OfficialSdkFailureTests
{
    private static IChatClient Sdk(SimulatorServer server, int maxRetries = 0) =>
        new SdkChatClient("chorus-sim-1", new ApiKeyCredential("sim-not-a-key"), new OpenAIClientOptions
        {
            Endpoint = server.BaseUri,
            RetryPolicy = new ClientRetryPolicy(maxRetries),
        }).AsIChatClient();

    private static Task<SimulatorServer> StartAsync(Action<SimulatorOptions> configure)
    {
        // The simulator's clock stands still, so its refill and retry-after are exact; nothing here waits on it (zero latency).
        var options = new SimulatorOptions { LatencyMs = 0, MsPerToken = 0, LatencyJitter = 0, TimeProvider = new ManualTimeProvider() };
        configure(options);
        return SimulatorServer.StartAsync(options);
    }

    [Fact]
    public async Task Classify_SdkRateLimited_RateLimitedWithRetryAfterHeadersAndRetriesNote()
    {
        await using SimulatorServer server = await StartAsync(o => o.RequestsPerMinute = 2);
        IChatClient sdk = Sdk(server);
        await sdk.GetResponseAsync("one");
        await sdk.GetResponseAsync("two");

        ClientResultException error = await Assert.ThrowsAsync<ClientResultException>(() => sdk.GetResponseAsync("three"));
        ProviderFailure? failure = OpenAIFailures.Classifier.Classify(error);

        Assert.NotNull(failure);
        Assert.Equal(ProviderErrorKind.RateLimited, failure.Kind);
        Assert.Equal(429, failure.StatusCode);
        Assert.Equal("rate_limit_exceeded", failure.ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(30), failure.RetryAfter);
        Assert.Equal(2, failure.RateLimits!.LimitRequests);
        Assert.Contains("OpenAIClientOptions.RetryPolicy", failure.ClientRetries, StringComparison.Ordinal);
        Assert.Null(ProviderFailureClassifier.Default.Classify(error));
    }

    [Fact]
    public async Task Classify_SdkInsufficientQuota_QuotaExceededNotTransient()
    {
        await using SimulatorServer server = await StartAsync(o => o.QuotaRequests = 0);

        ClientResultException error = await Assert.ThrowsAsync<ClientResultException>(() => Sdk(server).GetResponseAsync("hi"));
        ProviderFailure? failure = OpenAIFailures.Classifier.Classify(error);

        Assert.Equal(ProviderErrorKind.QuotaExceeded, failure?.Kind);
        Assert.Equal("insufficient_quota", failure?.ErrorCode);
        Assert.False(failure?.IsTransient);
    }

    [Fact]
    public async Task Classify_SdkServerError_ServerErrorWithStatus()
    {
        await using SimulatorServer server = await StartAsync(o => o.Fault5xxRate = 1);

        ClientResultException error = await Assert.ThrowsAsync<ClientResultException>(() => Sdk(server).GetResponseAsync("hi"));

        Assert.Equal(new ProviderFailure(ProviderErrorKind.ServerError, 500, RateLimitSignals.Empty) { ErrorCode = "server_error", ClientRetries = OpenAIFailures.ClientRetriesNote },
            OpenAIFailures.Classifier.Classify(error));
    }

    [Fact]
    public async Task Stack_SdkWithItsOwnRetries_FailureReportSaysSoAndSchedulerBacksOff()
    {
        await using SimulatorServer server = await StartAsync(o => { o.RequestsPerMinute = 2; o.RetryAfterStyle = RetryAfterStyle.Seconds; });
        using var scheduler = new EndpointScheduler();
        IChatClient client = Sdk(server, maxRetries: 0).WithOpenAIFailures().WithScheduler(scheduler)
            .WithResilience(new ResilienceOptions { MaxRetryAttempts = 0, EnableCircuitBreaker = false });
        await client.GetResponseAsync("one");
        await client.GetResponseAsync("two");

        await Assert.ThrowsAsync<ClientResultException>(() => client.GetResponseAsync("three"));

        // The scheduler saw the SDK's 429 (it learned the limit from its headers) though no ChatProviderException was thrown.
        Assert.Equal(2, scheduler.RequestsPerMinute);
        Assert.Equal(1, server.GetStats().RateLimited);
    }

    [Fact]
    public async Task Stack_SdkQuotaExhausted_LaterCallsFailFastWithoutBeingSent()
    {
        await using SimulatorServer server = await StartAsync(o => o.QuotaRequests = 1);
        using var scheduler = new EndpointScheduler();
        IChatClient client = Sdk(server).WithOpenAIFailures().WithScheduler(scheduler).WithResilience();
        await client.GetResponseAsync("one");

        await Assert.ThrowsAsync<ClientResultException>(() => client.GetResponseAsync("two"));
        ChatProviderException fast = await Assert.ThrowsAsync<ChatProviderException>(() => client.GetResponseAsync("three"));

        Assert.True(scheduler.IsQuotaExhausted);
        Assert.Equal(ProviderErrorKind.QuotaExceeded, fast.Kind);
        Assert.Contains("quota is exhausted (insufficient_quota)", fast.Message, StringComparison.Ordinal);
        Assert.Equal(2, server.GetStats().Requests);
    }

    [Fact]
    public async Task OurClient_InsufficientQuota_QuotaExceededNamingTheQuota()
    {
        await using SimulatorFixture sim = await SimulatorFixture.StartAsync(o => o.QuotaRequests = 0);

        ChatProviderException error = await Assert.ThrowsAsync<ChatProviderException>(() => sim.Client.GetResponseAsync("hi"));

        Assert.Equal(ProviderErrorKind.QuotaExceeded, error.Kind);
        Assert.False(error.IsTransient);
        Assert.Contains("quota is exhausted (insufficient_quota)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OurClient_Redirect_RedirectedConfigurationErrorNeverRetried()
    {
        await using SimulatorFixture sim = await SimulatorFixture.StartAsync(o => o.RedirectStatus = 308);
        IChatClient client = sim.Client.WithResilience(new ResilienceOptions { EnableCircuitBreaker = false });

        ChatProviderException error = await Assert.ThrowsAsync<ChatProviderException>(() => client.GetResponseAsync("hi"));
        long requests = sim.Server.GetStats().Requests;
        await Assert.ThrowsAsync<ChatProviderException>(() => sim.Client.GetResponseAsync("again"));

        Assert.Equal(ProviderErrorKind.Redirected, error.Kind);
        Assert.Equal(308, error.StatusCode);
        Assert.Contains("misconfigured", error.Message, StringComparison.Ordinal);
        Assert.Equal(requests, sim.Server.GetStats().Requests - requests);   // one attempt through resilience costs what one direct call costs
    }
}
