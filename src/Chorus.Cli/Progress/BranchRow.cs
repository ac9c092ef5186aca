using Chorus.Recipes;

namespace Chorus.Cli.Progress;

/// <summary>One branch's progress so far.</summary>
/// <param name="Label">The branch's label.</param>
/// <param name="Stage">Its stage: <c>main</c>, or an aggregator's stage such as <c>jury</c>.</param>
/// <param name="State">queued, waiting for budget, running, retrying, done, failed or cancelled.</param>
/// <param name="Calls">Calls finished so far.</param>
/// <param name="InputTokens">Input tokens reported so far.</param>
/// <param name="OutputTokens">Output tokens reported so far.</param>
/// <param name="Cost">The cost so far, or <see langword="null"/> when a model it used has no price.</param>
/// <param name="Http429">HTTP 429 answers seen.</param>
/// <param name="Note">Why it is in this state, when there is something to say (for example <c>HTTP 429</c>).</param>
/// <param name="AtMs">When the state last changed, in milliseconds from the start of the run.</param>
internal sealed record BranchRow(
    string Label, string Stage, string State, int Calls, long InputTokens, long OutputTokens, decimal? Cost, int Http429, string? Note, double AtMs)
{
    public string Name => Stage == "main" ? Label : $"{Stage}/{Label}";

    public bool IsFinished => State is ProgressStates.Done or ProgressStates.Failed or ProgressStates.Cancelled;
}
