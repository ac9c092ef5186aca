using System.Text.Json;
using System.Text.Json.Serialization;

namespace Chorus.Reporting;

/// <summary>Source-generated JSON metadata for the report types.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(RunReport))]
[JsonSerializable(typeof(IReadOnlyList<RunReport>))]
internal sealed partial class ChorusJsonContext : JsonSerializerContext
{
    /// <summary>Gets a context that writes indented JSON.</summary>
    public static ChorusJsonContext Indented { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = true,
    });
}
