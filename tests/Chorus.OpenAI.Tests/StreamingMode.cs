using Microsoft.Extensions.AI;

namespace Chorus.OpenAI.Tests;

/// <summary>Runs one call either way, so a scenario can be a <c>[Theory]</c> over both modes.</summary>
internal static class StreamingMode
{
    public static async Task<ChatResponse> CallAsync(IChatClient client, bool streaming, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        List<ChatMessage> messages = [new(ChatRole.User, "hi")];
        return streaming
            ? await client.GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken)
            : await client.GetResponseAsync(messages, options, cancellationToken);
    }
}
