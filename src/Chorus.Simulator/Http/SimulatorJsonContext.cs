using System.Text.Json.Serialization;

namespace Chorus.Simulator;

/// <summary>Source-generated JSON metadata for the wire types, the stats and the replay file, all snake_case.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(ChatCompletionRequestDto))]
[JsonSerializable(typeof(ChatCompletionDto))]
[JsonSerializable(typeof(ChunkDto))]
[JsonSerializable(typeof(ChunkWithUsageDto))]
[JsonSerializable(typeof(ErrorEnvelopeDto))]
[JsonSerializable(typeof(ModelListDto))]
[JsonSerializable(typeof(ModelDto))]
[JsonSerializable(typeof(SimulatorStats))]
[JsonSerializable(typeof(ReplayRecord))]
[JsonSerializable(typeof(string))]
internal sealed partial class SimulatorJsonContext : JsonSerializerContext;
