using System.Text.Json.Serialization;
using Chorus.Aggregation;

namespace Chorus.Sandbox;

/// <summary>What the reviewer returns: one score per candidate.</summary>
/// <param name="Scores">One entry per candidate.</param>
internal sealed record ReviewScores(IReadOnlyList<ReviewScore> Scores);

/// <summary>The reviewer's score of one candidate.</summary>
/// <param name="Candidate">The candidate's id as shown, for example <c>A</c>.</param>
/// <param name="Score">1 (worst) to 10 (best).</param>
/// <param name="Reason">Why, in one sentence.</param>
internal sealed record ReviewScore(string Candidate, int Score, string Reason);

/// <summary>Source-generated metadata of the review, with required members respected in its exported schema.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    RespectRequiredConstructorParameters = true,
    RespectNullableAnnotations = true,
    PropertyNameCaseInsensitive = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(ReviewScores))]
internal sealed partial class SandboxJsonContext : JsonSerializerContext;
