using Microsoft.Extensions.AI;
using SdkChatClient = OpenAI.Chat.ChatClient;

namespace Chorus.OpenAI.Tests;

public class OpenAICompatibleChatClientServiceTests
{
    [Fact]
    public void GetService_Metadata_ProviderEndpointAndModel()
    {
        using OpenAICompatibleChatClient client = TestClients.Create(new FakeHttpHandler(() => FakeHttpHandler.Json(Wire.Completion)));

        var metadata = Assert.IsType<ChatClientMetadata>(client.GetService(typeof(ChatClientMetadata)));

        Assert.Equal("openai-compatible", metadata.ProviderName);
        Assert.Equal(TestClients.Endpoint, metadata.ProviderUri);
        Assert.Equal("sim-model", metadata.DefaultModelId);
    }

    [Fact]
    public void GetService_SdkChatClient_ReturnsUnderlyingClient()
    {
        using OpenAICompatibleChatClient client = TestClients.Create(new FakeHttpHandler(() => FakeHttpHandler.Json(Wire.Completion)));

        Assert.IsType<SdkChatClient>(client.GetService(typeof(SdkChatClient)));
        Assert.Same(client, client.GetService(typeof(IChatClient)));
        Assert.Same(client, client.GetService<OpenAICompatibleChatClient>());
        Assert.Null(client.GetService(typeof(ChatClientMetadata), serviceKey: "x"));
        Assert.Null(client.GetService(typeof(string)));
    }

    [Fact]
    public async Task GetService_SdkChatClient_SharesPipelineWithRetriesOff()
    {
        var handler = new FakeHttpHandler(() => FakeHttpHandler.Json("{}", System.Net.HttpStatusCode.TooManyRequests));
        using OpenAICompatibleChatClient client = TestClients.Create(handler);
        var sdk = (SdkChatClient)client.GetService(typeof(SdkChatClient))!;

        await Assert.ThrowsAsync<System.ClientModel.ClientResultException>(() => sdk.CompleteChatAsync("hi"));

        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Dispose_CallerHttpClient_NotDisposed()
    {
        var handler = new FakeHttpHandler(() => FakeHttpHandler.Json(Wire.Completion));
        using var http = new HttpClient(handler);
        var client = new OpenAICompatibleChatClient(new OpenAICompatibleOptions { Endpoint = TestClients.Endpoint, Model = "m", HttpClient = http, ReadApiKeyFromEnvironment = false });

        client.Dispose();

        using HttpResponseMessage response = await http.GetAsync(new Uri("http://127.0.0.1:8089/v1/models"));
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task GetResponseAsync_ConcurrentCalls_OneRequestEach()
    {
        var handler = new FakeHttpHandler(() => FakeHttpHandler.Json(Wire.Completion));
        using OpenAICompatibleChatClient client = TestClients.Create(handler);

        ChatResponse[] responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.GetResponseAsync("hi")));

        Assert.All(responses, r => Assert.Equal("Paris", r.Text));
        Assert.Equal(8, handler.Requests.Count);
    }

    [Fact]
    public void ForLocalServer_NeverReadsEnvironmentKey()
    {
        using OpenAICompatibleChatClient client = OpenAICompatible.ForLocalServer(new Uri("http://127.0.0.1:11434/v1"), "llama3.2");

        var metadata = Assert.IsType<ChatClientMetadata>(client.GetService(typeof(ChatClientMetadata)));
        Assert.Equal("llama3.2", metadata.DefaultModelId);
        Assert.Equal(new Uri("https://api.openai.com/v1"), OpenAICompatible.OpenAIEndpoint);
    }
}
