using Chorus.Simulator;
using Microsoft.Extensions.AI;

namespace Chorus.Benchmarks.Voting;

/// <summary>
/// Serves one question's recorded samples in a fixed order, the k-th call getting the k-th sample, after the simulator's latency
/// model: a time to first token of 250 ms and 10 ms per output token (<see cref="SimulatorOptions"/> defaults), each scaled by a
/// mean-1 lognormal jitter (σ 0.3) drawn from a seeded generator, so the same call gets the same latency in every strategy.
/// </summary>
internal sealed class ReplayChatClient(string?[] texts, int seed, double latencyScale) : IChatClient
{
    private const double LatencyMs = 250;
    private const double MsPerToken = 10;
    private const double Jitter = 0.3;
    private int _calls = -1;

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        int call = Interlocked.Increment(ref _calls);
        string text = texts[call % texts.Length] ?? string.Empty;
        int tokens = SimulatedTokenizer.Count(text);
        var random = new Random(HashCode.Combine(seed, call));
        double ms = latencyScale * ((LatencyMs * LogNormal(random)) + (MsPerToken * tokens * LogNormal(random)));
        await Task.Delay(TimeSpan.FromMilliseconds(ms), cancellationToken).ConfigureAwait(false);
        int prompt = SimulatedTokenizer.CountPrompt(messages.Select(m => m.Text));
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
        {
            ModelId = "replay",
            Usage = new UsageDetails { InputTokenCount = prompt, OutputTokenCount = tokens, TotalTokenCount = prompt + tokens },
        };
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The voting benchmark does not stream.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    // exp(σZ − σ²/2) has mean 1, as the simulator's jitter does.
    private static double LogNormal(Random random)
    {
        double u1 = 1 - random.NextDouble();
        double u2 = random.NextDouble();
        double z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        return Math.Exp((Jitter * z) - (Jitter * Jitter / 2));
    }
}
