using System.Net;
using Microsoft.Extensions.AI;
using Chorus.Providers;

namespace Chorus.OpenAI.Tests;

public class ApiKeyTests
{
    private const string Key = "sk-test-SECRET-0123456789abcdef";

    [Fact]
    public async Task GetResponseAsync_WithKey_SendsBearerHeader()
    {
        var handler = new FakeHttpHandler(() => FakeHttpHandler.Json(Wire.Completion));
        using OpenAICompatibleChatClient client = TestClients.Create(handler, apiKey: Key);

        await client.GetResponseAsync("hi");

        Assert.Equal($"Bearer {Key}", handler.LastRequest.Headers["Authorization"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_NoKeyAnywhere_SendsNoAuthorizationHeader(bool streaming)
    {
        var handler = new FakeHttpHandler(() => streaming ? FakeHttpHandler.Sse(Wire.HelloStream) : FakeHttpHandler.Json(Wire.Completion));
        using OpenAICompatibleChatClient client = TestClients.Create(handler, apiKey: null, environment: _ => null);

        await StreamingMode.CallAsync(client, streaming);

        Assert.False(handler.LastRequest.Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task GetResponseAsync_KeyOnlyInEnvironment_UsesIt()
    {
        var handler = new FakeHttpHandler(() => FakeHttpHandler.Json(Wire.Completion));
        using OpenAICompatibleChatClient client = TestClients.Create(handler, environment: name => name == "OPENAI_API_KEY" ? Key : null);

        await client.GetResponseAsync("hi");

        Assert.Equal($"Bearer {Key}", handler.LastRequest.Headers["Authorization"]);
    }

    [Fact]
    public async Task GetResponseAsync_EnvironmentDisabled_IgnoresEnvironmentKey()
    {
        var handler = new FakeHttpHandler(() => FakeHttpHandler.Json(Wire.Completion));
        using OpenAICompatibleChatClient client = TestClients.Create(
            handler, configure: o => o.ReadApiKeyFromEnvironment = false, environment: _ => Key);

        await client.GetResponseAsync("hi");

        Assert.False(handler.LastRequest.Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task GetResponseAsync_ExplicitKey_WinsOverEnvironment()
    {
        var handler = new FakeHttpHandler(() => FakeHttpHandler.Json(Wire.Completion));
        using OpenAICompatibleChatClient client = TestClients.Create(handler, apiKey: Key, environment: _ => "sk-from-env");

        await client.GetResponseAsync("hi");

        Assert.Equal($"Bearer {Key}", handler.LastRequest.Headers["Authorization"]);
    }

    public static TheoryData<string, bool> EchoingFailures() => new()
    {
        { "status", false }, { "status", true }, { "malformed", false }, { "stream-error", true }, { "truncated", true }, { "transport", false }, { "transport", true },
    };

    [Theory]
    [MemberData(nameof(EchoingFailures))]
    public async Task Call_ServerEchoesKeyInFailure_KeyAbsentFromEveryMessageAndBody(string failure, bool streaming)
    {
        // A misbehaving server (or proxy) that echoes the Authorization header back in whatever it sends.
        var handler = new FakeHttpHandler((request, _) =>
        {
            string auth = request.Headers.Authorization?.ToString() ?? "";
            return failure switch
            {
                "status" => Task.FromResult(FakeHttpHandler.Json($$$"""{"error":{"message":"Incorrect API key provided: {{{auth}}}"}}""", HttpStatusCode.Unauthorized)),
                "malformed" => Task.FromResult(FakeHttpHandler.Json($"<html>{auth}</html>")),
                "stream-error" => Task.FromResult(FakeHttpHandler.Sse([$$$"""{"error":{"message":"{{{auth}}}"}}"""], done: false)),
                "truncated" => Task.FromResult(FakeHttpHandler.Sse([Wire.Chunk(auth)], done: false)),
                _ => throw new HttpRequestException($"proxy refused {auth}"),
            };
        });
        using OpenAICompatibleChatClient client = TestClients.Create(handler, apiKey: Key);

        var ex = await Assert.ThrowsAsync<ChatProviderException>(() => StreamingMode.CallAsync(client, streaming));

        Assert.Contains(Key, handler.LastRequest.Headers["Authorization"]);
        Assert.DoesNotContain(Key, ex.Message);
        Assert.DoesNotContain(Key, ex.ErrorBody ?? "");
        Assert.DoesNotContain(Key, ex.ToString());
    }

    [Fact]
    public async Task Call_Unauthorized_MessagesOfWholeChainDoNotContainKey()
    {
        var handler = new FakeHttpHandler(() => FakeHttpHandler.Json("""{"error":{"message":"Incorrect API key provided: sk-tes***cdef."}}""", HttpStatusCode.Unauthorized));
        using OpenAICompatibleChatClient client = TestClients.Create(handler, apiKey: Key);

        var ex = await Assert.ThrowsAsync<ChatProviderException>(() => client.GetResponseAsync("hi"));

        Assert.Equal(ProviderErrorKind.Unauthorized, ex.Kind);
        Assert.False(ex.IsTransient);
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            Assert.DoesNotContain(Key, e.Message);
        }

        Assert.DoesNotContain(Key, ex.ToString());
    }

    [Fact]
    public void ToString_KeySet_KeyMasked()
    {
        var options = new OpenAICompatibleOptions { Endpoint = new Uri("https://api.openai.com/v1"), Model = "gpt-4o-mini", ApiKey = Key };

        string text = options.ToString();

        Assert.DoesNotContain(Key, text);
        Assert.Contains("ApiKey = ***", text);
        Assert.Contains("https://api.openai.com/v1", text);
    }

    [Fact]
    public void Client_Metadata_DoesNotExposeKey()
    {
        using OpenAICompatibleChatClient client = TestClients.Create(new FakeHttpHandler(() => FakeHttpHandler.Json(Wire.Completion)), apiKey: Key);

        var metadata = Assert.IsType<ChatClientMetadata>(client.GetService(typeof(ChatClientMetadata)));

        Assert.DoesNotContain(Key, metadata.ProviderUri?.ToString() ?? "");
        Assert.DoesNotContain(Key, client.ToString() ?? "");
    }
}
