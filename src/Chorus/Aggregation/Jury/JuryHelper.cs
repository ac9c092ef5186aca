using System.Globalization;
using System.Text.Json;

namespace Chorus.Aggregation;

/// <summary>The jurors' response schema, the tolerant reading of their scores, and the combining math.</summary>
internal static class JuryHelper
{
    /// <summary>The JSON schema of <c>{"scores":[{"candidate":"&lt;id&gt;","score":7,"reason":"..."}]}</c>.</summary>
    public static JsonElement ScoresSchema(CandidateSet candidates) => JsonReply.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("type", "object");
        w.WriteStartObject("properties");
        w.WriteStartObject("scores");
        w.WriteString("type", "array");
        w.WriteString("description", "One entry for every candidate.");
        w.WriteStartObject("items");
        w.WriteString("type", "object");
        w.WriteStartObject("properties");
        w.WriteStartObject("candidate");
        w.WriteString("type", "string");
        w.WriteStartArray("enum");
        foreach (Candidate candidate in candidates.Items)
        {
            w.WriteStringValue(candidate.Id);
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartObject("score");
        w.WriteString("type", "integer");
        w.WriteNumber("minimum", JuryConstants.MinScore);
        w.WriteNumber("maximum", JuryConstants.MaxScore);
        w.WriteEndObject();
        w.WriteStartObject("reason");
        w.WriteString("type", "string");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartArray("required");
        w.WriteStringValue("candidate");
        w.WriteStringValue("score");
        w.WriteStringValue("reason");
        w.WriteEndArray();
        w.WriteBoolean("additionalProperties", false);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartArray("required");
        w.WriteStringValue("scores");
        w.WriteEndArray();
        w.WriteBoolean("additionalProperties", false);
        w.WriteEndObject();
    });

    /// <summary>Reads one score per candidate, in the order shown; returns the reason it could not instead.</summary>
    public static string? TryParseScores(string? raw, CandidateSet candidates, out List<CandidateScore> scores)
    {
        scores = [];
        if (!JsonReply.TryParseObject(raw, out JsonElement root))
        {
            return "its output is not a JSON object like {\"scores\":[{\"candidate\":\"<id>\",\"score\":7,\"reason\":\"...\"}]}";
        }

        if (!JsonReply.TryGetProperty(root, "scores", out JsonElement list) || list.ValueKind != JsonValueKind.Array)
        {
            return "its JSON has no \"scores\" array";
        }

        var byId = new Dictionary<string, CandidateScore>(StringComparer.Ordinal);
        foreach (JsonElement entry in list.EnumerateArray())
        {
            string? written = JsonReply.TryGetProperty(entry, "candidate", out JsonElement c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            Candidate? candidate = candidates.Find(written);
            if (candidate is null)
            {
                return $"it scored '{written ?? entry.GetRawText()}', which is not one of the candidates {candidates.IdList}";
            }

            if (!TryReadScore(entry, out double score))
            {
                return $"its score for candidate {candidate.Id} is not a number from {JuryConstants.MinScore} to {JuryConstants.MaxScore}";
            }

            string? reason = JsonReply.TryGetProperty(entry, "reason", out JsonElement r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            if (!byId.TryAdd(candidate.Id, new CandidateScore(candidate.Label, candidate.Id, score, reason)))
            {
                return $"it scored candidate {candidate.Id} twice";
            }
        }

        foreach (Candidate candidate in candidates.Items)
        {
            if (!byId.TryGetValue(candidate.Id, out CandidateScore? score))
            {
                return $"it gave no score for candidate {candidate.Id}";
            }

            scores.Add(score);
        }

        return null;
    }

    /// <summary>Σ wᵢsᵢ / Σ wᵢ.</summary>
    public static double WeightedMean(IReadOnlyList<(double Score, double Weight)> scores)
    {
        double total = scores.Sum(s => s.Weight);
        return scores.Sum(s => s.Score * s.Weight) / total;
    }

    /// <summary>The lowest score where the cumulative weight reaches half the total; averaged with the next when it lands exactly on half.</summary>
    public static double WeightedMedian(IReadOnlyList<(double Score, double Weight)> scores)
    {
        (double Score, double Weight)[] sorted = [.. scores.OrderBy(s => s.Score)];
        double half = sorted.Sum(s => s.Weight) / 2;
        double tolerance = half * 1e-12;
        double cumulative = 0;
        for (int i = 0; i < sorted.Length; i++)
        {
            cumulative += sorted[i].Weight;
            if (Math.Abs(cumulative - half) <= tolerance && i + 1 < sorted.Length)
            {
                return (sorted[i].Score + sorted[i + 1].Score) / 2;
            }

            if (cumulative > half)
            {
                return sorted[i].Score;
            }
        }

        return sorted[^1].Score;
    }

    /// <summary>Agreement of the counted jurors over candidates: Fleiss' kappa with each score as a category, Krippendorff's alpha on the interval scale.</summary>
    public static AgreementStatistics AgreementOf(int candidateCount, IReadOnlyList<JurorVerdict> counted)
    {
        if (counted.Count < 2)
        {
            return new AgreementStatistics(double.NaN, double.NaN, candidateCount, counted.Count);
        }

        List<IReadOnlyList<double>> byCandidate = [.. Enumerable.Range(0, candidateCount).Select(c => (IReadOnlyList<double>)[.. counted.Select(v => v.Scores[c].Score)])];
        double kappa = Agreement.FleissKappaOfLabels(byCandidate);
        double alpha = Agreement.KrippendorffAlphaInterval([.. byCandidate.Select(u => (IReadOnlyList<double?>)[.. u.Select(x => (double?)x)])]);
        return new AgreementStatistics(kappa, alpha, candidateCount, counted.Count);
    }

    /// <summary>The candidate a juror scored highest; its own ties go to the one shown first.</summary>
    public static string TopPick(JurorVerdict verdict)
    {
        CandidateScore top = verdict.Scores[0];
        foreach (CandidateScore score in verdict.Scores)
        {
            if (score.Score > top.Score)
            {
                top = score;
            }
        }

        return top.CandidateId;
    }

    private static bool TryReadScore(JsonElement entry, out double score)
    {
        score = 0;
        if (!JsonReply.TryGetProperty(entry, "score", out JsonElement value))
        {
            return false;
        }

        bool read = value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetDouble(out score),
            JsonValueKind.String => double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out score),
            _ => false,
        };
        return read && double.IsFinite(score) && score >= JuryConstants.MinScore && score <= JuryConstants.MaxScore;
    }
}
