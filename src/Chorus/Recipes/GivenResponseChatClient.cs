using Microsoft.Extensions.AI;

namespace Chorus.Recipes;

/// <summary>A "model" that answers with a text the user gave (<c>chorus jury --response</c>), so a jury can score an existing
/// response through the same plan, runner and report as generated candidates. Calls nothing and costs nothing.</summary>
internal sealed class GivenResponseChatClient(string text) : IChatClient
{
    public const string ModelName = "given";

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, text)) 
        {
            ModelId = ModelName,
            FinishReason = ChatFinishReason.Stop,

            // Nothing was called: the usage is known to be zero (missing usage would be unknown and estimated).
            Usage = new UsageDetails { InputTokenCount = 0, OutputTokenCount = 0, TotalTokenCount = 0 },
        });
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ChatResponse response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (ChatResponseUpdate update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
