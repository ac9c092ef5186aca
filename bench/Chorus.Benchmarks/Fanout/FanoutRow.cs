using System.Text.Json.Serialization;

namespace Chorus.Benchmarks.Fanout;

/// <summary>The result of the fan-out scenario.</summary>
internal sealed record FanoutRow(
    [property: JsonPropertyName("branches")] int Branches,
    [property: JsonPropertyName("slowest_ms")] double SlowestMs,
    [property: JsonPropertyName("wall_ms")] double WallMs,
    [property: JsonPropertyName("wall_over_slowest")] double WallOverSlowest,
    [property: JsonPropertyName("sequential_wall_ms")] double SequentialWallMs,
    [property: JsonPropertyName("speedup_vs_sequential")] double SpeedupVsSequential,
    [property: JsonPropertyName("report_speedup")] double ReportSpeedup);
