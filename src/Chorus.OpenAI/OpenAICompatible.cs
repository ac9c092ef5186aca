namespace Chorus.OpenAI;

/// <summary>Shortcuts for creating an <see cref="OpenAICompatibleChatClient"/> for well-known servers.</summary>
public static class OpenAICompatible
{
    /// <summary>Gets OpenAI's base URL, <c>https://api.openai.com/v1</c>.</summary>
    public static Uri OpenAIEndpoint { get; } = new("https://api.openai.com/v1");

    /// <summary>Gets Ollama's default local base URL, <c>http://127.0.0.1:11434/v1</c>.</summary>
    public static Uri OllamaEndpoint { get; } = new("http://127.0.0.1:11434/v1");

    /// <summary>Creates a client for OpenAI itself.</summary>
    /// <param name="model">The model, e.g. <c>gpt-4o-mini</c>.</param>
    /// <param name="apiKey">The key, or <see langword="null"/> to read <c>OPENAI_API_KEY</c>.</param>
    /// <returns>A new client; the caller disposes it.</returns>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty.</exception>
    public static OpenAICompatibleChatClient ForOpenAI(string model, string? apiKey = null) =>
        new(new OpenAICompatibleOptions { Endpoint = OpenAIEndpoint, Model = model, ApiKey = apiKey });

    /// <summary>Creates a client for a local server that needs no key (Ollama, vLLM, llama.cpp, LM Studio, the Chorus simulator).
    /// <c>OPENAI_API_KEY</c> is deliberately not read, so your OpenAI key never travels to it.</summary>
    /// <param name="endpoint">The server's base URL, e.g. <c>http://127.0.0.1:8000/v1</c>.</param>
    /// <param name="model">The model the server serves.</param>
    /// <param name="httpClient">The <see cref="HttpClient"/> to send with, or <see langword="null"/> for the SDK's shared one.</param>
    /// <returns>A new client; the caller disposes it.</returns>
    /// <exception cref="ArgumentException">An argument is invalid.</exception>
    public static OpenAICompatibleChatClient ForLocalServer(Uri endpoint, string model, HttpClient? httpClient = null) =>
        new(new OpenAICompatibleOptions { Endpoint = endpoint, Model = model, ReadApiKeyFromEnvironment = false, HttpClient = httpClient });
}
