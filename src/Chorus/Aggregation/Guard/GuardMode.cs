namespace Chorus.Aggregation;

/// <summary>How a guarded plan runs its guard and its main answer.</summary>
public enum GuardMode
{
    /// <summary>Guard and main answer start together (fast): a veto cancels the main call at once; its tokens so far are counted.</summary>
    Parallel,

    /// <summary>The guard runs first, alone; the main call is sent only when the guard allows it, so nothing is spent on a refused request.</summary>
    Blocking,
}
