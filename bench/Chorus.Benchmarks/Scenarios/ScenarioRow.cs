using System.Text.Json.Serialization;
using Chorus.Recipes;

namespace Chorus.Benchmarks.Scenarios;

/// <summary>One (scenario, system) measurement, as written to the JSON file.</summary>
internal sealed record ScenarioRow(
    [property: JsonPropertyName("scenario")] string Scenario,
    [property: JsonPropertyName("system")] string System,
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("wall_ms")] double WallMs,
    [property: JsonPropertyName("bound_ms")] double BoundMs,
    [property: JsonPropertyName("ok")] int Ok,
    [property: JsonPropertyName("failed")] int Failed,
    [property: JsonPropertyName("http_429")] long Http429,
    [property: JsonPropertyName("requests")] long Requests,
    [property: JsonPropertyName("retries")] long Retries,
    [property: JsonPropertyName("hedges")] long Hedges)
{
    /// <summary>Gets the simulator's provider semantics for this row (issue 13's matrix); <c>openai</c> is OpenAI's documented behaviour.</summary>
    [JsonPropertyName("server_profile")]
    public string ServerProfile { get; init; } = "openai";

    /// <summary>Gets how the row was measured when it is not a plain full run (extrapolated, capped, per-run times).</summary>
    [JsonPropertyName("note")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Note { get; init; }

    /// <summary>Gets the wall time of each run when the scenario has several (S4).</summary>
    [JsonPropertyName("runs_ms")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<double>? RunsMs { get; init; }

    /// <summary>Gets each run's fair-share bound when the scenario has several (S4).</summary>
    [JsonPropertyName("fair_share_ms")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<double>? FairShareMs { get; init; }

    [JsonIgnore]
    public double Ratio => BoundMs > 0 ? WallMs / BoundMs : double.NaN;
}
