using System.Text.Json;
using System.Text.RegularExpressions;

namespace Chorus.Simulator;

/// <summary>A judge: picks a candidate (<c>chorus_verdict</c>) or scores each one (<c>chorus_scores</c>) from the
/// <c>&lt;candidate id="A"&gt;...&lt;/candidate&gt;</c> blocks of the prompt.</summary>
/// <remarks>When the prompt outside the candidates has a known answer, the judge grades correctly with probability
/// <see cref="SimulatorOptions.JudgeAccuracy"/> (favouring candidates that state it, scoring them 7-10 and the others 2-5) and
/// the other way round otherwise; with no known answer it picks and scores pseudo-randomly. An "Aspect: X" line shifts each score by -1, 0 or +1, fixed per aspect and candidate.</remarks>
internal static partial class JudgeResponder
{
    public static string Reply(IReadOnlyList<SimulatedMessage> messages, string schemaName, double judgeAccuracy, SimRandom random)
    {
        string prompt = string.Join("\n", messages.Select(m => m.Content));
        List<(string Id, string Text)> candidates = [.. CandidateBlock().Matches(prompt).Select(m => (m.Groups[1].Value, m.Groups[2].Value))];
        string? known = KnownAnswer.Find(CandidateBlock().Replace(prompt, " "));
        bool[] correct = [.. candidates.Select(c => known is not null && KnownAnswer.States(c.Text, known))];
        // With a known answer the judge can grade every candidate, even a lone one; without one it can only guess.
        bool informative = known is not null;
        bool accurate = random.NextDouble() < judgeAccuracy;

        return schemaName == SimulatorConstants.ScoresSchema
            ? Scores(candidates, correct, informative, accurate, AspectLine().Match(prompt) is { Success: true } a ? a.Groups[1].Value.Trim() : null, random)
            : Verdict(candidates, correct, informative, accurate, random);
    }

    private static string Verdict(List<(string Id, string Text)> candidates, bool[] correct, bool informative, bool accurate, SimRandom random)
    {
        if (candidates.Count == 0)
        {
            return Json(w => { w.WriteString("choice", string.Empty); w.WriteString("reason", "No candidates were given."); });
        }

        int[] pool = [.. Enumerable.Range(0, candidates.Count).Where(i => !informative || correct[i] == accurate)];
        if (pool.Length == 0)
        {
            pool = [.. Enumerable.Range(0, candidates.Count)];
        }

        string id = candidates[pool[random.Next(pool.Length)]].Id;
        string reason = !informative ? $"Candidate {id} is the clearest and most complete."
            : accurate ? $"Candidate {id} reaches the correct answer with sound reasoning."
            : $"Candidate {id} seems the most convincing.";
        return Json(w => { w.WriteString("choice", id); w.WriteString("reason", reason); });
    }

    private static string Scores(List<(string Id, string Text)> candidates, bool[] correct, bool informative, bool accurate, string? aspect, SimRandom random) =>
        Json(w =>
        {
            w.WriteStartArray("scores");
            for (int i = 0; i < candidates.Count; i++)
            {
                bool favoured = informative && correct[i] == accurate;
                int score = !informative ? 3 + random.Next(7) : favoured ? 7 + random.Next(4) : 2 + random.Next(4);
                int shift = aspect is null ? 0 : (int)(StableHash.Of(aspect + "\n" + candidates[i].Id) % 3) - 1;
                w.WriteStartObject();
                w.WriteString("candidate", candidates[i].Id);
                w.WriteNumber("score", Math.Clamp(score + shift, 1, 10));
                w.WriteString("reason", favoured ? "Correct and clearly argued." : informative ? "The result looks wrong." : "Reasonable but could be clearer.");
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });

    private static string Json(Action<Utf8JsonWriter> body)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [GeneratedRegex("""<candidate\s+id\s*=\s*"([^"]*)"\s*>(.*?)</candidate>""", RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CandidateBlock();

    [GeneratedRegex(@"Aspect:\s*([^\n.]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AspectLine();
}
