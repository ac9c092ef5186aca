using Microsoft.Extensions.AI;

namespace Chorus.Benchmarks.Support;

/// <summary>Answers after a fixed latency per branch (read from the prompt's index), like a model with known response times.</summary>
internal sealed class DelayChatClient(IReadOnlyList<TimeSpan> latencies) : IChatClient
{
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        int index = int.Parse(messages.Last().Text, System.Globalization.CultureInfo.InvariantCulture);
        await Task.Delay(latencies[index], cancellationToken);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, "done"))
        {
            ModelId = "delay",
            Usage = new UsageDetails { InputTokenCount = 10, OutputTokenCount = 20, TotalTokenCount = 30 },
        };
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
