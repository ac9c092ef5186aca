namespace Chorus.Sandbox;

/// <summary>The best passing candidate of a best-of-N code run, and every candidate's outcome.</summary>
/// <param name="WinnerLabel">The winning branch's label.</param>
/// <param name="Code">The winning code.</param>
/// <param name="Evaluation">The winner's test runs.</param>
/// <param name="Candidates">Every successful branch's candidate, in rank order (passing first).</param>
/// <param name="Isolation">How the runs were isolated (for example <c>bubblewrap 0.8.0</c>), or why they were not.</param>
public sealed record CodeBestOfResult(string WinnerLabel, string Code, CodeEvaluation Evaluation, IReadOnlyList<CodeCandidateResult> Candidates, SandboxIsolation Isolation);
