using System.Text.Json.Serialization;

namespace Chorus.Aggregation;

/// <summary>Source-generated metadata of the verdicts the judges return; required members and nullability are respected in their schemas.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    RespectRequiredConstructorParameters = true,
    RespectNullableAnnotations = true,
    PropertyNameCaseInsensitive = true,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(PairwiseVerdictDto))]
internal sealed partial class StructuredJsonContext : JsonSerializerContext;
