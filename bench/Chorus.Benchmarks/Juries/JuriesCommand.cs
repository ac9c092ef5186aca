using System.Globalization;
using System.Text.Json;
using Chorus.Aggregation;

namespace Chorus.Benchmarks.Juries;

/// <summary>
/// Replays llmbar-judges: accuracy of each single judge (orders averaged, and both-orders with disagreement as a tie), and of panels
/// (plain majority; weighted by held-out accuracy with a 2-fold split on item parity; majority without the best judge), with agreement
/// statistics, per subset and prompting strategy. Panel rows carry the best member's accuracy on the same items, so a panel worse
/// than its best member shows as a negative delta.
/// </summary>
internal static class JuriesCommand
{
    private static readonly string[] DefaultPrompting = ["Vanilla_NoRules", "Metrics_Reference"];

    public static Task<int> RunAsync(string? data, string? json, string? prompting)
    {
        string directory = ResolveData(data ?? "../shared/data/llmbar-judges");
        List<Judgment> all = Judgment.Load(directory);
        HashSet<string> strategies = prompting is null ? [.. DefaultPrompting] : prompting == "all" ? [.. all.Select(j => j.Prompting)] : [.. prompting.Split(',')];

        // Add the four adversarial subsets together, as LLMBar reports them.
        IEnumerable<Judgment> withCombined = all.Concat(all
            .Where(j => j.Subset.StartsWith("LLMBar/Adversarial/", StringComparison.Ordinal))
            .Select(j => j with { Subset = "LLMBar/Adversarial (all)", Index = (Subset(j.Subset) * 10_000) + j.Index }));
        var rows = new List<JuryRow>();
        foreach (IGrouping<(string Subset, string Prompting), Judgment> group in withCombined
            .Where(j => strategies.Contains(j.Prompting) && !j.Prompting.StartsWith("Rating", StringComparison.Ordinal))
            .GroupBy(j => (j.Subset, j.Prompting))
            .OrderBy(g => g.Key.Subset, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Prompting, StringComparer.Ordinal))
        {
            rows.AddRange(Evaluate(group.Key.Subset, group.Key.Prompting, [.. group]));
        }

        Print(rows);
        if (json is not null)
        {
            File.WriteAllText(json, JsonSerializer.Serialize(rows, BenchJsonContext.Default.ListJuryRow));
            Console.WriteLine($"wrote {rows.Count} rows to {Path.GetFullPath(json)}");
        }

        return Task.FromResult(0);
    }

    private static IEnumerable<JuryRow> Evaluate(string subset, string prompting, List<Judgment> judgments)
    {
        Dictionary<string, Dictionary<int, Judgment>> byJudge = judgments
            .GroupBy(j => j.Judge)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.GroupBy(j => j.Index).ToDictionary(x => x.Key, x => x.First()));
        foreach (bool both in (bool[])[false, true])
        {
            foreach ((string judge, Dictionary<int, Judgment> items) in byJudge)
            {
                List<Judgment> list = [.. items.Values];
                double consistency = list.Count(j => j.NoSwap is not null && j.NoSwap == j.Swap) / (double)list.Count;
                // Votes that decide (not ties): per order, or per item when both orders must agree.
                List<(int? Verdict, int Label)> votes = [.. list.SelectMany(j => JuryScoring.Votes(j, both).Select(v => (v, j.Label)))];
                (double decided, double? decidedAccuracy) = Decisive(votes);
                yield return new JuryRow(subset, "single", prompting, judge, list.Average(j => JuryScoring.JudgeCredit(j, both)), both,
                    consistency, "position_consistency", null, list.Count, null, null, null, decided, decidedAccuracy);
            }

            if (byJudge.Count < 2)
            {
                continue;
            }

            string[] members = [.. byJudge.Keys];
            string best = members.MaxBy(m => byJudge[m].Values.Average(j => JuryScoring.JudgeCredit(j, both)))!;
            yield return Panel(subset, prompting, "majority", members, byJudge, both, weighted: false);
            yield return Panel(subset, prompting, "weighted-heldout", members, byJudge, both, weighted: true);
            if (members.Length >= 3)
            {
                yield return Panel(subset, prompting, "majority-without-best", [.. members.Where(m => m != best)], byJudge, both, weighted: false);
            }
        }
    }

    private static JuryRow Panel(string subset, string prompting, string strategy, string[] members, Dictionary<string, Dictionary<int, Judgment>> byJudge, bool both, bool weighted)
    {
        // Only items every member judged, so the panel and its members are compared on the same items.
        List<int> items = [.. byJudge[members[0]].Keys.Where(i => members.All(m => byJudge[m].ContainsKey(i))).Order()];
        var weights = new Dictionary<(string Judge, int Fold), double>();
        foreach (string m in members)
        {
            for (int fold = 0; fold < 2; fold++)
            {
                // Weight for items of this fold = log-odds of the judge's accuracy on the other fold (held out from these items).
                List<Judgment> other = [.. items.Where(i => i % 2 != fold).Select(i => byJudge[m][i])];
                weights[(m, fold)] = weighted ? JuryScoring.LogOddsWeight(other.Count == 0 ? 0.5 : other.Average(j => JuryScoring.JudgeCredit(j, both))) : 1;
            }
        }

        double credit = 0;
        var verdicts = new List<(int? Verdict, int Label)>();
        var units = new List<IReadOnlyList<string>>();
        foreach (int i in items)
        {
            int label = byJudge[members[0]][i].Label;
            int? verdict = JuryScoring.Vote(members.SelectMany(m => JuryScoring.Votes(byJudge[m][i], both).Select(v => (v, weights[(m, i % 2)]))));
            credit += JuryScoring.Credit(verdict, label);
            verdicts.Add((verdict, label));
            units.Add([.. members.SelectMany(m => JuryScoring.Votes(byJudge[m][i], both)).Select(v => v?.ToString(CultureInfo.InvariantCulture) ?? "tie")]);
        }

        double accuracy = items.Count == 0 ? double.NaN : credit / items.Count;
        (string bestMember, double bestAccuracy) = members
            .Select(m => (m, items.Average(i => JuryScoring.JudgeCredit(byJudge[m][i], both))))
            .MaxBy(x => x.Item2);
        double kappa = units.Count == 0 ? double.NaN : Agreement.FleissKappaOfLabels(units);
        double alpha = Agreement.KrippendorffAlphaNominal<string>([.. units.Select(u => (IReadOnlyList<string?>)[.. u])]);
        string name = $"{strategy}({string.Join('+', members)})";
        (double decidedShare, double? decidedAccuracy) = Decisive(verdicts);
        return new JuryRow(subset, strategy, prompting, name, accuracy, both, Finite(kappa), both ? "fleiss_kappa_judges" : "fleiss_kappa_judge_orders", Finite(alpha),
            items.Count, bestMember, bestAccuracy, accuracy - bestAccuracy, decidedShare, decidedAccuracy);
    }

    /// <summary>The share of verdicts that are not ties, and the accuracy among them.</summary>
    private static (double Decided, double? Accuracy) Decisive(List<(int? Verdict, int Label)> verdicts)
    {
        List<(int? Verdict, int Label)> decided = [.. verdicts.Where(v => v.Verdict is not null)];
        return (verdicts.Count == 0 ? 0 : decided.Count / (double)verdicts.Count, decided.Count == 0 ? null : decided.Count(v => v.Verdict == v.Label) / (double)decided.Count);
    }

    private static void Print(List<JuryRow> rows)
    {
        Console.WriteLine("accuracy: ties count 1/2. decided: share of non-tie verdicts, with the accuracy among them. agreement: position consistency (single) or Fleiss' kappa (panels).");
        Console.WriteLine("| subset | prompting | strategy | judge / panel | both orders | accuracy | decided (acc) | agreement | best member (acc) | Δ vs best |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (JuryRow r in rows)
        {
            string who = r.Strategy == "single" ? r.JudgeOrPanel : r.JudgeOrPanel[(r.JudgeOrPanel.IndexOf('(', StringComparison.Ordinal) + 1)..^1].Replace("+", ", ", StringComparison.Ordinal);
            string best = r.BestMember is null ? string.Empty : $"{r.BestMember} ({Pct(r.BestMemberAccuracy)})";
            string delta = r.DeltaVsBestMember is { } d ? (d < 0 ? "**" : string.Empty) + (d * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + (d < 0 ? "**" : string.Empty) : string.Empty;
            string agreement = r.Agreement is { } a ? $"{a.ToString("0.00", CultureInfo.InvariantCulture)} {(r.AgreementKind == "position_consistency" ? "cons." : "κ")}" : "n/a";
            Console.WriteLine($"| {r.Subset} | {r.Prompting} | {r.Strategy} | {who} | {(r.BothOrders ? "yes" : "no")} | {Pct(r.Accuracy)} | {Pct(r.Decided)} ({Pct(r.DecidedAccuracy)}) | {agreement} | {best} | {delta} |");
        }
    }

    private static string Pct(double? value) => value is { } v ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) : "n/a";

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private static int Subset(string name) => name switch
    {
        "LLMBar/Adversarial/Neighbor" => 1,
        "LLMBar/Adversarial/GPTInst" => 2,
        "LLMBar/Adversarial/GPTOut" => 3,
        _ => 4,
    };

    /// <summary>Finds the data directory: as given (relative to the current directory), else relative to the repository root.</summary>
    private static string ResolveData(string path)
    {
        if (Directory.Exists(path))
        {
            return Path.GetFullPath(path);
        }

        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Chorus.slnx")))
            {
                string candidate = Path.GetFullPath(Path.Combine(d.FullName, path));
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException($"The data directory '{path}' was not found from '{Environment.CurrentDirectory}' or the repository root.");
    }
}
