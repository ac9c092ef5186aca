using Chorus.Simulator;
using Chorus.TestKit;
using Microsoft.Extensions.AI;
using Chorus.Providers;

namespace Chorus.OpenAI.Tests.Integration;

/// <summary>Our client reads every form of <c>retry-after</c> the simulator can send, and says nothing when none is sent.</summary>
public sealed class RetryAfterStyleTests
{
    [Theory]
    [InlineData(RetryAfterStyle.SecondsAndMilliseconds, 100)]
    [InlineData(RetryAfterStyle.Seconds, 1000)]
    [InlineData(RetryAfterStyle.HttpDate, 1000)]
    [InlineData(RetryAfterStyle.None, null)]
    public async Task GetResponseAsync_RefusedWithStyle_RetryAfterParsed(RetryAfterStyle style, int? expectedMs)
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using SimulatorServer server = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            LatencyMs = 0, MsPerToken = 0, LatencyJitter = 0, TimeProvider = clock, RequestsPerMinute = 600, RetryAfterStyle = style,
        });
        using var client = new OpenAICompatibleChatClient(new OpenAICompatibleOptions
        {
            Endpoint = server.BaseUri, Model = "chorus-sim-1", ReadApiKeyFromEnvironment = false, TimeProvider = clock,
        });
        for (int i = 0; i < 10; i++)
        {
            await client.GetResponseAsync("hi");
        }

        ChatProviderException refused = await Assert.ThrowsAsync<ChatProviderException>(() => client.GetResponseAsync("hi"));

        Assert.Equal(ProviderErrorKind.RateLimited, refused.Kind);
        Assert.Equal(expectedMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null, refused.RetryAfter);
    }
}
