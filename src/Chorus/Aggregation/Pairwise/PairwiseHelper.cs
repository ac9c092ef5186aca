using System.Text.Json;
using System.Text.Json.Nodes;

namespace Chorus.Aggregation;

/// <summary>The pairwise verdict schema, its tolerant reading, and the combining of orders and judges. Pure functions.</summary>
internal static class PairwiseHelper
{
    /// <summary>The exported schema of <see cref="PairwiseVerdictDto"/> with <c>choice</c> limited to <c>A</c>, <c>B</c> and <c>tie</c>.</summary>
    public static JsonElement VerdictSchema()
    {
        JsonNode schema = StructuredOutput.SchemaNodeFor(StructuredJsonContext.Default.PairwiseVerdictDto);
        if (schema["properties"]?["choice"] is JsonObject choice)
        {
            choice["enum"] = new JsonArray("A", "B", PairwiseConstants.Tie);
            choice["description"] = "The id of the better candidate, or tie.";
        }

        return StructuredOutput.ToElement(schema);
    }

    /// <summary>Reads a verdict as "the candidate shown first/second is better" or a tie; returns the reason it could not instead.</summary>
    public static string? TryRead(string? raw, out PairwisePreference shown, out string? reason)
    {
        shown = PairwisePreference.Tie;
        reason = null;
        if (!JsonReply.TryParseObject(raw, out JsonElement root))
        {
            return "its output is not a JSON object like {\"choice\":\"A\",\"reason\":\"...\"}";
        }

        if (!JsonReply.TryGetProperty(root, "choice", out JsonElement choice) || choice.ValueKind != JsonValueKind.String)
        {
            return "its JSON has no string \"choice\"";
        }

        reason = JsonReply.TryGetProperty(root, "reason", out JsonElement r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
        string written = choice.GetString()!.Trim().Trim('"', '\'', '.', '(', ')', '[', ']').Trim();
        if (written.StartsWith("candidate", StringComparison.OrdinalIgnoreCase))
        {
            written = written["candidate".Length..].Trim();
        }

        switch (written.ToUpperInvariant())
        {
            case "A":
                shown = PairwisePreference.First;
                return null;
            case "B":
                shown = PairwisePreference.Second;
                return null;
            case "TIE" or "DRAW" or "EQUAL" or "NEITHER" or "BOTH":
                shown = PairwisePreference.Tie;
                return null;
            default:
                return $"it chose '{choice.GetString()}', which is not A, B or tie";
        }
    }

    /// <summary>Maps a verdict on the swapped order (second candidate shown first) back to the pair.</summary>
    public static PairwisePreference Unswap(PairwisePreference shown) => shown switch
    {
        PairwisePreference.First => PairwisePreference.Second,
        PairwisePreference.Second => PairwisePreference.First,
        _ => PairwisePreference.Tie,
    };

    /// <summary>Both orders agreeing give that preference; disagreeing orders give a tie (position bias cancels out).</summary>
    public static PairwisePreference CombineOrders(PairwisePreference inOrder, PairwisePreference swapped) =>
        inOrder == swapped ? inOrder : PairwisePreference.Tie;

    /// <summary>Sums the weights of the judges' preferences on one pair; the heavier side wins, equal weights tie.</summary>
    public static PairVerdict CombineJudges(string first, string second, IEnumerable<(PairwisePreference Preference, double Weight)> votes)
    {
        double a = 0, b = 0, tie = 0;
        foreach ((PairwisePreference preference, double weight) in votes)
        {
            switch (preference)
            {
                case PairwisePreference.First: a += weight; break;
                case PairwisePreference.Second: b += weight; break;
                default: tie += weight; break;
            }
        }

        double tolerance = 1e-12 * Math.Max(1, a + b);
        PairwisePreference winner = Math.Abs(a - b) <= tolerance ? PairwisePreference.Tie : a > b ? PairwisePreference.First : PairwisePreference.Second;
        return new PairVerdict(first, second, winner, a, b, tie);
    }

    /// <summary>Agreement over pairs: Fleiss' kappa on the pairs every judge rated; Krippendorff's alpha on all, abstentions missing.</summary>
    public static AgreementStatistics AgreementOf(IReadOnlyList<IReadOnlyList<PairwisePreference?>> unitsByJudge)
    {
        List<IReadOnlyList<string?>> units = [.. unitsByJudge.Select(u => (IReadOnlyList<string?>)[.. u.Select(p => p?.ToString())])];
        List<IReadOnlyList<string>> complete = [.. units.Where(u => u.Count >= 2 && u.All(p => p is not null)).Select(u => (IReadOnlyList<string>)[.. u.Select(p => p!)])];
        double kappa = complete.Count == 0 ? double.NaN : Agreement.FleissKappaOfLabels(complete);
        double alpha = Agreement.KrippendorffAlphaNominal(units);
        int raters = unitsByJudge.Count == 0 ? 0 : Enumerable.Range(0, unitsByJudge.Max(u => u.Count)).Count(j => unitsByJudge.Any(u => j < u.Count && u[j] is not null));
        return new AgreementStatistics(kappa, alpha, unitsByJudge.Count, raters);
    }
}
