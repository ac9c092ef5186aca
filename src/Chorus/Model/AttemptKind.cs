using System.Text.Json.Serialization;

namespace Chorus;

/// <summary>What an attempt made for a branch was. Serialized as its snake_case name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AttemptKind>))]
public enum AttemptKind
{
    /// <summary>The first try of a call (<c>call</c>).</summary>
    [JsonStringEnumMemberName("call")]
    Call,

    /// <summary>A retry after a failed attempt (<c>retry</c>).</summary>
    [JsonStringEnumMemberName("retry")]
    Retry,

    /// <summary>A hedged attempt launched beside a slow one (<c>hedge</c>).</summary>
    [JsonStringEnumMemberName("hedge")]
    Hedge,

    /// <summary>A call to the branch's fallback client (<c>fallback</c>).</summary>
    [JsonStringEnumMemberName("fallback")]
    Fallback,
}
