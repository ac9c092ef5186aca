using System.Text.Json;

namespace Chorus.Reporting;

/// <summary>Writes and reads <see cref="RunReport"/> as JSON with snake_case names, using source-generated metadata (no reflection).</summary>
public static class RunReportJson
{
    /// <summary>Serializes a report.</summary>
    /// <param name="report">The report.</param>
    /// <param name="indented">Whether to indent the output.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(RunReport report, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(report, indented ? ChorusJsonContext.Indented.RunReport : ChorusJsonContext.Default.RunReport);
    }

    /// <summary>Serializes several reports as one JSON array.</summary>
    /// <param name="reports">The reports.</param>
    /// <param name="indented">Whether to indent the output.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(IReadOnlyList<RunReport> reports, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(reports);
        return JsonSerializer.Serialize(reports, indented ? ChorusJsonContext.Indented.IReadOnlyListRunReport : ChorusJsonContext.Default.IReadOnlyListRunReport);
    }

    /// <summary>Reads a report.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The report.</returns>
    /// <exception cref="JsonException">The text is not a run report.</exception>
    public static RunReport Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize(json, ChorusJsonContext.Default.RunReport) ?? throw new JsonException("The JSON text is null, not a run report.");
    }
}
