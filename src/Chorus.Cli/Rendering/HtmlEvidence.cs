using System.Globalization;
using System.Text;
using static Chorus.Cli.Rendering.HtmlText;
using Chorus.Aggregation;
using Chorus.Reporting;

namespace Chorus.Cli.Rendering;

/// <summary>Shows what the aggregator decided and why: a vote histogram, a jury's score table, merge conflicts, and every piece of evidence.</summary>
internal static class HtmlEvidence
{
    public static void Write(StringBuilder html, RunReport report)
    {
        html.Append("<h3>Decision</h3>");
        if (report.Decision is not { } decision)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"failed\">No decision: {E(report.Error ?? "the run stopped before deciding")}</p>");
            return;
        }

        html.Append(CultureInfo.InvariantCulture, $"<p class=\"decision\"><b>{E(decision.Strategy)}</b>: {E(decision.Summary)}");
        if (decision.Confidence is { } confidence)
        {
            html.Append(CultureInfo.InvariantCulture, $" <span class=\"muted\">(confidence {N(confidence * 100, "0")}%)</span>");
        }

        html.Append("</p>");
        IReadOnlyList<DecisionEvidence> evidence = decision.Evidence;
        if (decision.Strategy.Contains("majority", StringComparison.OrdinalIgnoreCase) || decision.Strategy.Contains("vote", StringComparison.OrdinalIgnoreCase))
        {
            Histogram(html, evidence);
        }

        if (decision.Strategy == "jury")
        {
            JuryTable(html, evidence);
        }

        Conflicts(html, evidence);
        if (evidence.Count > 0)
        {
            html.Append("<details open><summary>All evidence</summary><table class=\"grid\"><tr><th>key</th><th class=\"num\">value</th><th>detail</th></tr>");
            foreach (DecisionEvidence item in evidence)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(item.Key)}</td><td class=\"num\">{N(item.Value, "0.###")}</td><td>{E(item.Detail)}</td></tr>");
            }

            html.Append("</table></details>");
        }
    }

    /// <summary>Votes per answer, largest first (the aggregator ranks them); abstentions and uncounted branches are listed apart.</summary>
    private static void Histogram(StringBuilder html, IReadOnlyList<DecisionEvidence> evidence)
    {
        DecisionEvidence[] answers = [.. evidence.Where(e => !e.Key.StartsWith("abstained/", StringComparison.Ordinal) && e.Key is not "not counted")];
        if (answers.Length == 0)
        {
            return;
        }

        double max = answers.Max(a => a.Value);
        html.Append("<div class=\"histogram\" data-chart=\"votes\">");
        for (int i = 0; i < answers.Length; i++)
        {
            DecisionEvidence a = answers[i];
            double width = max > 0 ? a.Value / max * 100 : 0;
            html.Append(CultureInfo.InvariantCulture,
                $"<div class=\"hrow{(i == 0 ? " winner" : string.Empty)}\"><span class=\"hkey\" title=\"{E(a.Key)}\">{E(a.Key)}</span>" +
                $"<span class=\"hbar\"><span style=\"width:{N(width, "0.##")}%\"></span></span><span class=\"hval\">{N(a.Value, "0")}</span>" +
                $"<span class=\"muted hdetail\">{E(a.Detail)}</span></div>");
        }

        foreach (DecisionEvidence other in evidence.Except(answers))
        {
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"hrow other\"><span class=\"hkey\">{E(other.Key)}</span><span class=\"hbar\"></span><span class=\"hval\">{N(other.Value, "0")}</span><span class=\"muted hdetail\">{E(other.Detail)}</span></div>");
        }

        html.Append("</div>");
    }

    /// <summary>Jurors (rows) by candidates (columns), from evidence keys <c>juror/aspect/candidate</c>, with the combined score last.</summary>
    private static void JuryTable(StringBuilder html, IReadOnlyList<DecisionEvidence> evidence)
    {
        var candidates = new List<string>();
        var jurors = new List<string>();
        var scores = new Dictionary<(string Juror, string Candidate), double>();
        var combined = new Dictionary<string, double>();
        var abstained = new Dictionary<string, string?>();
        foreach (DecisionEvidence item in evidence)
        {
            string[] parts = item.Key.Split('/');
            if (parts[0] is "seed" or "candidate" or "abstained")
            {
                continue;
            }

            if (parts.Length == 2 && parts[0] == "combined")
            {
                Add(candidates, parts[1]);
                combined[parts[1]] = item.Value;
            }
            else if (parts.Length == 3)
            {
                string juror = $"{parts[0]} ({parts[1]})";
                Add(jurors, juror);
                Add(candidates, parts[2]);
                scores[(juror, parts[2])] = item.Value;
            }
            else if (parts.Length == 2 && item.Detail?.StartsWith("abstained", StringComparison.Ordinal) == true)
            {
                string juror = $"{parts[0]} ({parts[1]})";
                Add(jurors, juror);
                abstained[juror] = item.Detail;
            }
        }

        if (jurors.Count == 0)
        {
            return;
        }

        html.Append("<table class=\"grid jury\" data-chart=\"jury\"><tr><th>juror (aspect)</th>");
        foreach (string c in candidates)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th class=\"num\">{E(c)}</th>");
        }

        html.Append("</tr>");
        foreach (string juror in jurors)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(juror)}</td>");
            foreach (string c in candidates)
            {
                html.Append(scores.TryGetValue((juror, c), out double s)
                    ? string.Create(CultureInfo.InvariantCulture, $"<td class=\"num score\" style=\"--s:{N(s / 10, "0.##")}\">{N(s, "0.#")}</td>")
                    : abstained.TryGetValue(juror, out string? why) ? $"<td class=\"muted\" title=\"{E(why)}\">abstained</td>" : "<td></td>");
            }

            html.Append("</tr>");
        }

        if (combined.Count > 0)
        {
            html.Append("<tr class=\"combined\"><td><b>combined</b></td>");
            foreach (string c in candidates)
            {
                html.Append(combined.TryGetValue(c, out double s) ? $"<td class=\"num\"><b>{N(s, "0.##")}</b></td>" : "<td></td>");
            }

            html.Append("</tr>");
        }

        html.Append("</table>");
    }

    /// <summary>Merge conflicts (evidence whose key names a conflict), shown apart so they are never missed.</summary>
    private static void Conflicts(StringBuilder html, IReadOnlyList<DecisionEvidence> evidence)
    {
        DecisionEvidence[] conflicts = [.. evidence.Where(e => e.Key.Contains("conflict", StringComparison.OrdinalIgnoreCase))];
        if (conflicts.Length == 0)
        {
            return;
        }

        html.Append(CultureInfo.InvariantCulture, $"<div class=\"conflicts\" data-chart=\"conflicts\"><b>{conflicts.Length} merge conflict{(conflicts.Length == 1 ? string.Empty : "s")}</b><ul>");
        foreach (DecisionEvidence c in conflicts)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li><code>{E(c.Key)}</code>: {E(c.Detail)}</li>");
        }

        html.Append("</ul></div>");
    }

    private static void Add(List<string> list, string item)
    {
        if (!list.Contains(item))
        {
            list.Add(item);
        }
    }
}
