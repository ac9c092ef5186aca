using Microsoft.Extensions.AI;

namespace Chorus.Cli.Connection;

/// <summary>Reports the simulated model's identity as a stable address (<c>chorus-sim://seed-42/</c>) instead of its loopback URL,
/// whose port changes on every run; so a journal fingerprint (which includes the endpoint) matches across runs of the same simulator.</summary>
/// <remarks>Owns the inner client, as any <see cref="DelegatingChatClient"/>.</remarks>
internal sealed class SimulatorIdentityChatClient(IChatClient inner, int seed, string model) : DelegatingChatClient(inner)
{
    private readonly ChatClientMetadata _metadata = new("chorus-simulator", new Uri($"chorus-sim://seed-{seed}/"), model);

    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ChatClientMetadata) ? _metadata : base.GetService(serviceType, serviceKey);
}
