namespace Chorus.Running;

/// <summary>The reasons a stage's branches can be cancelled, kept apart so each outcome says which one it was.</summary>
/// <param name="Caller">The caller's token: cancellation is never a branch failure and cancels the run.</param>
/// <param name="Stop">Fires when the run no longer needs the rest: the answer settled or a sibling failed fast.</param>
/// <param name="Deadline">Fires at the run's deadline: unfinished branches time out.</param>
internal readonly record struct StageTokens(CancellationToken Caller, CancellationToken Stop, CancellationToken Deadline);
