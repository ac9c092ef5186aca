using System.Text.Json.Serialization;

namespace Chorus.Benchmarks.Overhead;

/// <summary>One line of the overhead measurement.</summary>
internal sealed record OverheadRow(
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("ns_per_branch")] double NsPerBranch,
    [property: JsonPropertyName("bytes_per_branch")] double BytesPerBranch);
