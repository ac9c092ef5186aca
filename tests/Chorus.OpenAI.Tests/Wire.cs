namespace Chorus.OpenAI.Tests;

/// <summary>Canned chat-completions bodies.</summary>
internal static class Wire
{
    public const string Completion = """
        {"id":"chatcmpl-1","object":"chat.completion","created":1767225600,"model":"sim-model-2026",
         "choices":[{"index":0,"message":{"role":"assistant","content":"Paris"},"finish_reason":"stop"}],
         "usage":{"prompt_tokens":12,"completion_tokens":3,"total_tokens":15,"prompt_tokens_details":{"cached_tokens":4},"completion_tokens_details":{"reasoning_tokens":1}}}
        """;

    public const string ThreeChoices = """
        {"id":"chatcmpl-3","object":"chat.completion","created":1767225600,"model":"m",
         "choices":[
           {"index":2,"message":{"role":"assistant","content":"C"},"finish_reason":"length"},
           {"index":0,"message":{"role":"assistant","content":"A"},"finish_reason":"stop"},
           {"index":1,"message":{"role":"assistant","content":"B"},"finish_reason":"stop"}],
         "usage":{"prompt_tokens":10,"completion_tokens":9,"total_tokens":19}}
        """;

    public const string NoUsage = """
        {"id":"chatcmpl-2","object":"chat.completion","created":1767225600,"model":"m",
         "choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}]}
        """;

    public static string Chunk(string content, string? finish = null, int index = 0) =>
        $$"""{"id":"chatcmpl-s","object":"chat.completion.chunk","created":1767225600,"model":"m","choices":[{"index":{{index}},"delta":{"content":"{{content}}"},"finish_reason":{{(finish is null ? "null" : $"\"{finish}\"")}}}]}""";

    public const string UsageChunk =
        """{"id":"chatcmpl-s","object":"chat.completion.chunk","created":1767225600,"model":"m","choices":[],"usage":{"prompt_tokens":7,"completion_tokens":2,"total_tokens":9}}""";

    public static string[] HelloStream => [Chunk("Hel"), Chunk("lo"), Chunk("", "stop"), UsageChunk];
}
