namespace Chorus.OpenAI.Tests;

internal static class TestClients
{
    public static readonly Uri Endpoint = new("http://127.0.0.1:8089/v1");

    public static OpenAICompatibleChatClient Create(
        FakeHttpHandler handler,
        string? apiKey = null,
        Action<OpenAICompatibleOptions>? configure = null,
        Func<string, string?>? environment = null)
    {
        var options = new OpenAICompatibleOptions
        {
            Endpoint = Endpoint,
            Model = "sim-model",
            ApiKey = apiKey,
            HttpClient = new HttpClient(handler),
        };
        configure?.Invoke(options);
        return new OpenAICompatibleChatClient(options, environment ?? (_ => null));
    }
}
