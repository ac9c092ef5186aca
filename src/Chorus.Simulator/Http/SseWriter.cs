using System.Text;
using System.Text.Json;

namespace Chorus.Simulator;

/// <summary>Writes <c>data: ...</c> server-sent events in OpenAI's chunk format and flushes each one.</summary>
internal sealed class SseWriter(Stream body, CompletionWire wire, bool includeUsage)
{
    private static readonly byte[] Prefix = "data: "u8.ToArray();
    private static readonly byte[] Suffix = "\n\n"u8.ToArray();

    /// <summary>Writes one chunk with one choice; with usage requested, it carries <c>"usage": null</c>.</summary>
    public Task WriteAsync(int index, DeltaDto delta, string? finishReason, CancellationToken cancellationToken) =>
        WriteChunkAsync([new ChunkChoiceDto(index, delta, null, finishReason)], null, cancellationToken);

    /// <summary>Writes the final usage chunk: no choices, the usage of the whole answer.</summary>
    public Task WriteUsageAsync(UsageDto usage, CancellationToken cancellationToken) => WriteChunkAsync([], usage, cancellationToken);

    public Task WriteRawAsync(string data, CancellationToken cancellationToken) => WriteEventAsync(Encoding.UTF8.GetBytes(data), cancellationToken);

    private Task WriteChunkAsync(ChunkChoiceDto[] choices, UsageDto? usage, CancellationToken cancellationToken)
    {
        byte[] json = includeUsage
            ? JsonSerializer.SerializeToUtf8Bytes(new ChunkWithUsageDto(wire.Plan.Id, "chat.completion.chunk", wire.Created, wire.Model, SimulatorConstants.SystemFingerprint, choices, usage), SimulatorJsonContext.Default.ChunkWithUsageDto)
            : JsonSerializer.SerializeToUtf8Bytes(new ChunkDto(wire.Plan.Id, "chat.completion.chunk", wire.Created, wire.Model, SimulatorConstants.SystemFingerprint, choices), SimulatorJsonContext.Default.ChunkDto);
        return WriteEventAsync(json, cancellationToken);
    }

    private async Task WriteEventAsync(byte[] data, CancellationToken cancellationToken)
    {
        await body.WriteAsync(Prefix, cancellationToken).ConfigureAwait(false);
        await body.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        await body.WriteAsync(Suffix, cancellationToken).ConfigureAwait(false);
        await body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
