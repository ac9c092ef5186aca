using System.Text;
using System.Text.Json;

namespace Chorus.Simulator;

/// <summary>Writes <c>data: ...</c> server-sent events in OpenAI's chunk format and flushes each one.</summary>
internal sealed class SseWriter(Stream body, CompletionWire wire, bool includeUsage)
{
    private static readonly byte[] Prefix = "data: "u8.ToArray();
    private static readonly byte[] Suffix = "\n\n"u8.ToArray();

    /// <summary>Writes one chunk; with usage requested, every chunk carries <c>"usage": null</c> but the final usage chunk.</summary>
    public Task WriteAsync(IReadOnlyList<(int Index, DeltaDto Delta, string? FinishReason)> choices, UsageDto? usage, CancellationToken cancellationToken)
    {
        ChunkChoiceDto[] dtoChoices = [.. choices.Select(c => new ChunkChoiceDto(c.Index, c.Delta, null, c.FinishReason))];
        byte[] json = includeUsage
            ? JsonSerializer.SerializeToUtf8Bytes(new ChunkWithUsageDto(wire.Plan.Id, "chat.completion.chunk", wire.Created, wire.Model, SimulatorConstants.SystemFingerprint, dtoChoices, usage), SimulatorJsonContext.Default.ChunkWithUsageDto)
            : JsonSerializer.SerializeToUtf8Bytes(new ChunkDto(wire.Plan.Id, "chat.completion.chunk", wire.Created, wire.Model, SimulatorConstants.SystemFingerprint, dtoChoices), SimulatorJsonContext.Default.ChunkDto);
        return WriteEventAsync(json, cancellationToken);
    }

    public Task WriteRawAsync(string data, CancellationToken cancellationToken) => WriteEventAsync(Encoding.UTF8.GetBytes(data), cancellationToken);

    private async Task WriteEventAsync(byte[] data, CancellationToken cancellationToken)
    {
        await body.WriteAsync(Prefix, cancellationToken).ConfigureAwait(false);
        await body.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        await body.WriteAsync(Suffix, cancellationToken).ConfigureAwait(false);
        await body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
