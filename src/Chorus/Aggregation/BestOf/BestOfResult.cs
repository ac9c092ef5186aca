using Microsoft.Extensions.AI;

namespace Chorus.Aggregation;

/// <summary>The candidate a verifier scored highest.</summary>
/// <param name="Label">The winning branch's label.</param>
/// <param name="Text">The winning response's text.</param>
/// <param name="Score">The verifier's score for it.</param>
/// <param name="Response">The winning response.</param>
public sealed record BestOfResult(string Label, string Text, double Score, ChatResponse Response);
