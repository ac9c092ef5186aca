using System.Text.Json.Serialization;

namespace Chorus;

/// <summary>How an attempt ended. Serialized as its snake_case name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AttemptStatus>))]
public enum AttemptStatus
{
    /// <summary>It answered (<c>ok</c>).</summary>
    [JsonStringEnumMemberName("ok")]
    Ok,

    /// <summary>It failed (<c>error</c>).</summary>
    [JsonStringEnumMemberName("error")]
    Error,

    /// <summary>It ran out of time (<c>timeout</c>).</summary>
    [JsonStringEnumMemberName("timeout")]
    Timeout,

    /// <summary>It was cancelled: the branch ended, the run settled or the caller cancelled (<c>cancelled</c>).</summary>
    [JsonStringEnumMemberName("cancelled")]
    Cancelled,
}
