using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Chorus.TestKit;

/// <summary>A hand-written <see cref="IChatClient"/> whose behaviour is a callback, for tests.</summary>
public sealed class ScriptedChatClient : IChatClient
{
    private int _calls;

    /// <summary>Initializes a client that answers with <paramref name="respond"/>.</summary>
    public ScriptedChatClient(Func<IEnumerable<ChatMessage>, ChatOptions?, CancellationToken, Task<ChatResponse>> respond)
    {
        Respond = respond;
    }

    /// <summary>Initializes a client that answers every call with <paramref name="text"/>.</summary>
    public ScriptedChatClient(string text, long inputTokens = 10, long outputTokens = 5)
        : this((_, _, _) => Task.FromResult(Reply(text, inputTokens, outputTokens)))
    {
    }

    /// <summary>Gets or sets the non-streaming behaviour.</summary>
    public Func<IEnumerable<ChatMessage>, ChatOptions?, CancellationToken, Task<ChatResponse>> Respond { get; set; }

    /// <summary>Gets or sets the streaming behaviour; <see langword="null"/> streams the non-streaming response as one update.</summary>
    public Func<IEnumerable<ChatMessage>, ChatOptions?, CancellationToken, IAsyncEnumerable<ChatResponseUpdate>>? RespondStreaming { get; set; }

    /// <summary>Gets or sets the model id reported by <see cref="ChatClientMetadata"/>.</summary>
    public string? ModelId { get; set; } = "scripted";

    /// <summary>Gets how many calls were made.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Builds a response with text and usage.</summary>
    public static ChatResponse Reply(string text, long inputTokens = 10, long outputTokens = 5, string? model = "scripted") =>
        new(new ChatMessage(ChatRole.Assistant, text))
        {
            ModelId = model,
            Usage = new UsageDetails { InputTokenCount = inputTokens, OutputTokenCount = outputTokens, TotalTokenCount = inputTokens + outputTokens },
            FinishReason = ChatFinishReason.Stop,
        };

    /// <inheritdoc />
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        return Respond(messages, options, cancellationToken);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (RespondStreaming is { } streaming)
        {
            Interlocked.Increment(ref _calls);
            await foreach (ChatResponseUpdate update in streaming(messages, options, cancellationToken).WithCancellation(cancellationToken))
            {
                yield return update;
            }

            yield break;
        }

        ChatResponse response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (ChatResponseUpdate update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("scripted", null, ModelId)
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
