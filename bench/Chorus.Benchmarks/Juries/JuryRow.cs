using System.Text.Json.Serialization;
using Chorus.Aggregation;

namespace Chorus.Benchmarks.Juries;

/// <summary>One line of the juries table: a judge or a panel on one subset under one prompting strategy.</summary>
internal sealed record JuryRow(
    [property: JsonPropertyName("subset")] string Subset,
    [property: JsonPropertyName("strategy")] string Strategy,
    [property: JsonPropertyName("prompting")] string Prompting,
    [property: JsonPropertyName("judge_or_panel")] string JudgeOrPanel,
    [property: JsonPropertyName("accuracy")] double Accuracy,
    [property: JsonPropertyName("both_orders")] bool BothOrders,
    [property: JsonPropertyName("agreement")] double? Agreement,
    [property: JsonPropertyName("agreement_kind")] string AgreementKind,
    [property: JsonPropertyName("alpha")] double? Alpha,
    [property: JsonPropertyName("items")] int Items,
    [property: JsonPropertyName("best_member")] string? BestMember,
    [property: JsonPropertyName("best_member_accuracy")] double? BestMemberAccuracy,
    [property: JsonPropertyName("delta_vs_best_member")] double? DeltaVsBestMember,
    [property: JsonPropertyName("decided")] double Decided,
    [property: JsonPropertyName("decided_accuracy")] double? DecidedAccuracy);
