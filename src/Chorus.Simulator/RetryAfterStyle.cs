namespace Chorus.Simulator;

/// <summary>How the simulator says how long to wait on a 429 it expects to succeed later.</summary>
public enum RetryAfterStyle
{
    /// <summary><c>retry-after</c> in whole seconds (rounded up) and <c>retry-after-ms</c>, as OpenAI sends them. The default.</summary>
    SecondsAndMilliseconds,

    /// <summary><c>retry-after</c> in whole seconds only (rounded up), as many OpenAI-compatible servers send it.</summary>
    Seconds,

    /// <summary><c>retry-after</c> as an HTTP date (RFC 9110, IMF-fixdate, whole seconds rounded up), with no <c>retry-after-ms</c>.</summary>
    HttpDate,

    /// <summary>No retry hint at all: the client must choose its own back-off.</summary>
    None,
}
