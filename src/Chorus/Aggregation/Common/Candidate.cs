namespace Chorus.Aggregation;

/// <summary>A successful main-stage outcome as a judge sees it: an id such as <c>A</c> assigned after shuffling.</summary>
/// <param name="Id">The id shown to the judge.</param>
/// <param name="Outcome">The branch outcome.</param>
internal sealed record Candidate(string Id, BranchOutcome Outcome)
{
    public string Label => Outcome.Label;

    public string Text => Outcome.Text ?? string.Empty;
}
