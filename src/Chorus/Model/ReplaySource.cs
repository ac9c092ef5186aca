namespace Chorus;

/// <summary>Where a replayed branch's answer came from instead of a call.</summary>
public enum ReplaySource
{
    /// <summary>The journal held this very branch (same request, same sample): a resumed or repeated run.</summary>
    Journal,

    /// <summary>Cache mode: the journal held the same deterministic request from another sample or run (<see cref="PlanRunnerOptions.CacheDeterministic"/>).</summary>
    Cache,
}
