using System.Globalization;
using System.Text;
using static Chorus.Cli.Rendering.HtmlText;
using Chorus.Reporting;

namespace Chorus.Cli.Rendering;

/// <summary>
/// Writes run reports as one self-contained HTML page: inline CSS, SVG and a few lines of script, nothing fetched. Per run: the
/// summary, wall time against the sequential sum, a timeline with one bar per branch (<c>data-branch</c>) and marks for every attempt,
/// throttle wait, retry, hedge and cancellation, tokens and cost per branch, and the decision's evidence.
/// </summary>
/// <remarks>
/// It lives in the CLI, not in core <c>Reporting/</c>: it is presentation only (no run logic), it reads nothing but the public
/// <see cref="RunReport"/>, and keeping it out of the core keeps the library's public surface and its no-presentation rule intact.
/// A gateway or another tool can reuse it by moving this folder into a small <c>Chorus.Reporting.Html</c> project later.
/// Every model-written or user-written string is HTML-escaped.
/// </remarks>
internal static class HtmlReportWriter
{
    public static string Render(string title, IReadOnlyList<RunReport> reports)
    {
        int branches = reports.Sum(r => r.Branches.Count);
        var html = new StringBuilder(16 * 1024);
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append(CultureInfo.InvariantCulture, $"<title>{E(title)}</title><style>{HtmlStyles.Css}</style></head>")
            .Append(CultureInfo.InvariantCulture, $"<body data-branches=\"{branches}\" data-runs=\"{reports.Count}\">")
            .Append(CultureInfo.InvariantCulture, $"<header><h1>{E(title)}</h1><p class=\"muted\">Chorus run report: {reports.Count} run{(reports.Count == 1 ? string.Empty : "s")}, {branches} branches. Times are from the start of each run.</p></header>");
        foreach (RunReport report in reports)
        {
            Run(html, report);
        }

        html.Append(CultureInfo.InvariantCulture, $"<footer class=\"muted\">Timeline bars drawn: <span id=\"bar-count\">not counted (scripts off)</span> of {branches}.</footer>")
            .Append(CultureInfo.InvariantCulture, $"<script>{HtmlStyles.Script}</script></body></html>");
        return html.ToString();
    }

    private static void Run(StringBuilder html, RunReport r)
    {
        html.Append(CultureInfo.InvariantCulture, $"<section class=\"run\" data-scenario=\"{E(r.Scenario)}\" data-status=\"{E(r.Status)}\">");
        html.Append(CultureInfo.InvariantCulture,
            $"<h2>{E(r.Scenario)} <span class=\"muted\">{E(r.Strategy)}, {E(r.FailurePolicy)}</span> <span class=\"badge {(r.Status == "ok" ? string.Empty : "failed")}\">{E(r.Status)}</span></h2>");
        if (r.Error is { } error)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"failed\">{E(error)}</p>");
        }

        Cards(html, r);
        Compare(html, r);
        html.Append("<h3>Timeline</h3>");
        HtmlTimeline.Write(html, r);
        Branches(html, r);
        HtmlEvidence.Write(html, r);
        Texts(html, r);
        html.Append("</section>");
    }

    private static void Cards(StringBuilder html, RunReport r)
    {
        html.Append("<div class=\"cards\">");
        Card(html, Ms(r.WallMs), "wall time");
        Card(html, Ms(r.SequentialMs), "sequential sum of branches");
        Card(html, N(r.Speedup, "0.00") + "x", $"speed-up (saved {Ms(r.SavedMs)})");
        Card(html, r.TotalTokens.ToString(CultureInfo.InvariantCulture), $"tokens ({r.InputTokens} in + {r.OutputTokens} out)");
        Card(html, Money(r.Cost), "cost");
        Card(html, $"{r.Succeeded}/{r.Branches.Count}", $"succeeded ({r.Failed} failed, {r.Cancelled} cancelled/skipped)");
        Card(html, r.Attempts.ToString(CultureInfo.InvariantCulture), $"calls ({r.Retries} retries, {r.Hedges} hedges, {r.Http429} x 429)");
        Card(html, Ms(r.ThrottleWaitMs), "waiting for budget");
        html.Append("</div>");
    }

    private static void Card(StringBuilder html, string value, string label) =>
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"card\"><b>{E(value)}</b><span>{E(label)}</span></div>");

    /// <summary>Wall time against the sum of the branches' durations: what running them one after another would have taken.</summary>
    private static void Compare(StringBuilder html, RunReport r)
    {
        double max = Math.Max(1, Math.Max(r.WallMs, r.SequentialMs));
        html.Append("<h3>Wall time vs sequential sum</h3><div class=\"compare\" data-chart=\"wall-vs-sequential\">")
            .Append(CultureInfo.InvariantCulture, $"<span>wall time</span><span class=\"track\"><span class=\"fill\" style=\"display:block;width:{N(r.WallMs / max * 100, "0.##")}%\"></span></span><span class=\"num\">{E(Ms(r.WallMs))}</span>")
            .Append(CultureInfo.InvariantCulture, $"<span>sequential sum</span><span class=\"track\"><span class=\"fill seq\" style=\"display:block;width:{N(r.SequentialMs / max * 100, "0.##")}%\"></span></span><span class=\"num\">{E(Ms(r.SequentialMs))}</span>")
            .Append("</div>");
    }

    private static void Branches(StringBuilder html, RunReport r)
    {
        long maxTokens = Math.Max(1, r.Branches.Count == 0 ? 1 : r.Branches.Max(b => b.InputTokens + b.OutputTokens));
        html.Append("<h3>Branches: tokens and cost</h3><table class=\"grid branches\"><tr><th>branch</th><th>stage</th><th>status</th><th>model</th>")
            .Append("<th class=\"num\">calls</th><th class=\"num\">tokens in/out</th><th class=\"num\">cost</th><th class=\"num\">queued</th><th class=\"num\">ran</th><th class=\"num\">429s</th><th>error</th></tr>");
        foreach (BranchReport b in r.Branches)
        {
            long tokens = b.InputTokens + b.OutputTokens;
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(b.Label)}</td><td>{E(b.Stage)}</td><td>{E(b.Status)}</td><td>{E(b.Model)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{b.Attempts}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{b.InputTokens}/{b.OutputTokens}{(b.TokensEstimated ? " (est.)" : string.Empty)}<span class=\"tok\" style=\"width:{N(60.0 * tokens / maxTokens, "0.#")}px\"></span></td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{E(Money(b.Cost))}</td><td class=\"num\">{E(Ms(b.QueueWaitMs))}</td><td class=\"num\">{E(Ms(b.DurationMs))}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{b.Http429}</td><td>{E(b.Error)}</td></tr>");
        }

        html.Append("</table>");
    }

    private static void Texts(StringBuilder html, RunReport r)
    {
        BranchReport[] withText = [.. r.Branches.Where(b => !string.IsNullOrEmpty(b.Text))];
        if (withText.Length == 0)
        {
            return;
        }

        html.Append(CultureInfo.InvariantCulture, $"<details><summary>What each branch said ({withText.Length})</summary>");
        foreach (BranchReport b in withText)
        {
            html.Append(CultureInfo.InvariantCulture, $"<div><b>{E(b.Stage == "main" ? b.Label : $"{b.Stage}/{b.Label}")}</b><pre class=\"text\">{E(b.Text)}</pre></div>");
        }

        html.Append("</details>");
    }
}
