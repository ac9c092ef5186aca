using Microsoft.Extensions.AI;

namespace Chorus.OpenAI.Tests;

public class OpenAICompatibleOptionsTests
{
    [Fact]
    public void Ctor_Defaults_Pinned()
    {
        var options = new OpenAICompatibleOptions();

        Assert.Null(options.Endpoint);
        Assert.Null(options.Model);
        Assert.Null(options.ApiKey);
        Assert.True(options.ReadApiKeyFromEnvironment);
        Assert.Equal(TimeSpan.FromSeconds(100), options.NetworkTimeout);
        Assert.Null(options.HttpClient);
        Assert.False(options.UseLegacyMaxTokens);
        Assert.Null(options.TimeProvider);
    }

    [Theory]
    [InlineData("ftp://example.com/v1")]
    [InlineData("/v1")]
    public void Endpoint_NotAbsoluteHttp_Throws(string value)
    {
        var options = new OpenAICompatibleOptions();

        var ex = Assert.Throws<ArgumentException>(() => options.Endpoint = new Uri(value, UriKind.RelativeOrAbsolute));

        Assert.StartsWith($"Endpoint must be an absolute http or https URL, was '{value}'.", ex.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void ModelAndApiKey_Blank_Throw(string value)
    {
        var options = new OpenAICompatibleOptions();

        Assert.Throws<ArgumentException>(() => options.Model = value);
        Assert.Throws<ArgumentException>(() => options.ApiKey = value);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void NetworkTimeout_NotPositive_Throws(int ms)
    {
        var options = new OpenAICompatibleOptions();

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => options.NetworkTimeout = TimeSpan.FromMilliseconds(ms));

        Assert.StartsWith($"NetworkTimeout must be positive or infinite, was {TimeSpan.FromMilliseconds(ms)}.", ex.Message);
    }

    [Fact]
    public void NetworkTimeout_Infinite_Accepted()
    {
        var options = new OpenAICompatibleOptions { NetworkTimeout = Timeout.InfiniteTimeSpan, Endpoint = TestClients.Endpoint, Model = "m" };

        using var client = new OpenAICompatibleChatClient(options);

        Assert.Equal(Timeout.InfiniteTimeSpan, options.NetworkTimeout);
    }

    [Fact]
    public void Client_MissingEndpoint_ThrowsNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => new OpenAICompatibleChatClient(new OpenAICompatibleOptions { Model = "m" }));

        Assert.Contains("OpenAICompatibleOptions.Endpoint is required", ex.Message);
    }

    [Fact]
    public void Client_MissingModel_ThrowsNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => new OpenAICompatibleChatClient(new OpenAICompatibleOptions { Endpoint = TestClients.Endpoint }));

        Assert.Contains("OpenAICompatibleOptions.Model is required", ex.Message);
    }

    [Fact]
    public async Task Client_OptionsChangedAfterBuild_ClientUnaffected()
    {
        var handler = new FakeHttpHandler(() => FakeHttpHandler.Json(Wire.Completion));
        var options = new OpenAICompatibleOptions { Endpoint = TestClients.Endpoint, Model = "first", HttpClient = new HttpClient(handler), ReadApiKeyFromEnvironment = false };
        using var client = new OpenAICompatibleChatClient(options);

        options.Model = "second";
        options.Endpoint = new Uri("http://elsewhere.invalid/v1");
        await client.GetResponseAsync("hi");

        Assert.Contains("\"model\":\"first\"", handler.LastRequest.Body);
        Assert.Equal("127.0.0.1", handler.LastRequest.Uri.Host);
    }

    [Fact]
    public void ToString_NoKey_SaysNotSetAndHidesUserInfo()
    {
        var options = new OpenAICompatibleOptions { Endpoint = new Uri("http://user:pass@127.0.0.1:8089/v1?key=abc"), Model = "m" };

        string text = options.ToString();

        Assert.Equal("OpenAICompatibleOptions { Endpoint = http://127.0.0.1:8089/v1, Model = m, ApiKey = (not set), NetworkTimeout = 00:01:40 }", text);
    }
}
