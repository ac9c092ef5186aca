using System.Text.Json;

namespace Chorus.Aggregation;

/// <summary>The judge's response schema and the tolerant reading of its verdict.</summary>
internal static class JudgeHelper
{
    /// <summary>The JSON schema of <c>{"choice":"&lt;id&gt;","reason":"..."}</c>, with the ids as an enum.</summary>
    public static JsonElement VerdictSchema(CandidateSet candidates) => JsonReply.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("type", "object");
        w.WriteStartObject("properties");
        w.WriteStartObject("choice");
        w.WriteString("type", "string");
        w.WriteString("description", "The id of the best candidate.");
        w.WriteStartArray("enum");
        foreach (Candidate candidate in candidates.Items)
        {
            w.WriteStringValue(candidate.Id);
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartObject("reason");
        w.WriteString("type", "string");
        w.WriteString("description", "Why this candidate is the best, in one sentence.");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartArray("required");
        w.WriteStringValue("choice");
        w.WriteStringValue("reason");
        w.WriteEndArray();
        w.WriteBoolean("additionalProperties", false);
        w.WriteEndObject();
    });

    /// <summary>Reads the verdict; throws <see cref="AggregationException"/> carrying the raw text when it cannot.</summary>
    public static (Candidate Choice, string? Reason) ParseVerdict(string judgeLabel, string raw, CandidateSet candidates)
    {
        if (!JsonReply.TryParseObject(raw, out JsonElement root))
        {
            throw new AggregationException(
                $"The judge '{judgeLabel}' did not return a JSON verdict like {{\"choice\":\"<id>\",\"reason\":\"...\"}}.",
                raw);
        }

        if (!JsonReply.TryGetProperty(root, "choice", out JsonElement choice) || choice.ValueKind != JsonValueKind.String)
        {
            throw new AggregationException($"The judge '{judgeLabel}' returned JSON without a string \"choice\".", raw);
        }

        string written = choice.GetString()!;
        Candidate picked = candidates.Find(written)
            ?? throw new AggregationException(
                $"The judge '{judgeLabel}' chose '{written}', which is not one of the candidates {candidates.IdList}.",
                raw);
        string? reason = JsonReply.TryGetProperty(root, "reason", out JsonElement r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
        return (picked, reason);
    }
}
