using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using static Chorus.Cli.Rendering.HtmlText;
using Chorus.Reporting;

namespace Chorus.Cli.Rendering;

/// <summary>Draws a run's timeline as inline SVG: one bar per branch (each carrying <c>data-branch</c>), with marks for every attempt,
/// throttle wait, retry, hedge and cancellation, and lines for run-level moments (settled, decided, deadline, cancelled).</summary>
internal static partial class HtmlTimeline
{
    private const double LabelWidth = 190, PlotWidth = 860, RowHeight = 24, Top = 28, BarHeight = 14;

    public static void Write(StringBuilder html, RunReport report)
    {
        IReadOnlyList<BranchReport> branches = report.Branches;
        double end = Math.Max(1, Math.Max(report.WallMs, branches.Count == 0 ? 0 : branches.Max(b => b.EndMs)));
        double scale = PlotWidth / end;
        double height = Top + (branches.Count * RowHeight) + 12;
        html.Append(CultureInfo.InvariantCulture, $"<svg class=\"timeline\" role=\"img\" viewBox=\"0 0 {N(LabelWidth + PlotWidth + 20)} {N(height)}\" ");
        html.Append(CultureInfo.InvariantCulture, $"data-branch-count=\"{branches.Count}\" aria-label=\"Timeline of {branches.Count} branches\">");
        Axis(html, end, scale, height);

        for (int i = 0; i < branches.Count; i++)
        {
            Row(html, report, branches[i], Top + (i * RowHeight), scale);
        }

        RunMoments(html, report, scale, height);
        html.Append("</svg>");
        html.Append("<p class=\"legend\">")
            .Append("<span class=\"key queue\"></span>queued ")
            .Append("<span class=\"key st-succeeded\"></span>succeeded ")
            .Append("<span class=\"key st-failed\"></span>failed / timed out ")
            .Append("<span class=\"key st-cancelled\"></span>cancelled / skipped ")
            .Append("<span class=\"key throttle\"></span>waiting for budget ")
            .Append("<span class=\"key retry\"></span>retry ")
            .Append("<span class=\"key hedge\"></span>hedge ")
            .Append("<span class=\"key err\"></span>failed attempt / 429 ")
            .Append("<span class=\"x\">&#x2715;</span> cancellation; dashed lines: settled / decided / deadline</p>");
    }

    private static void Axis(StringBuilder html, double end, double scale, double height)
    {
        double step = NiceStep(end / 8);
        for (double t = 0; t <= end + 0.001; t += step)
        {
            double x = LabelWidth + (t * scale);
            html.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{N(x)}\" y1=\"{N(Top - 6)}\" x2=\"{N(x)}\" y2=\"{N(height - 8)}\"/>");
            html.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{N(x)}\" y=\"{N(Top - 10)}\">{E(Ms(t))}</text>");
        }
    }

    private static void Row(StringBuilder html, RunReport report, BranchReport b, double y, double scale)
    {
        double barY = y + ((RowHeight - BarHeight) / 2);
        string name = b.Stage == "main" ? b.Label : $"{b.Stage}/{b.Label}";
        html.Append(CultureInfo.InvariantCulture, $"<text class=\"label\" x=\"{N(LabelWidth - 8)}\" y=\"{N(y + 16)}\">{E(Clip(name, 26))}<title>{E(name)}</title></text>");

        double start = b.StartMs ?? b.EndMs;
        if (start > b.QueuedMs)
        {
            Rect(html, "queue", b.QueuedMs, start, barY + 5, 4, scale, $"{name}: waited {Ms(start - b.QueuedMs)} for a slot");
        }

        string tip = $"{name}: {b.Status}, {Ms(b.DurationMs)}, {b.Attempts} call(s), {b.InputTokens}+{b.OutputTokens} tokens, {Money(b.Cost)}"
            + (b.Error is null ? string.Empty : $" - {b.Error}");
        double x = X(start, scale), w = Math.Max(2, (b.EndMs - start) * scale);
        html.Append(CultureInfo.InvariantCulture,
            $"<rect class=\"bar st-{E(b.Status)}\" data-branch=\"{E(b.Label)}\" data-stage=\"{E(b.Stage)}\" data-status=\"{E(b.Status)}\" ");
        html.Append(CultureInfo.InvariantCulture, $"x=\"{N(x)}\" y=\"{N(barY)}\" width=\"{N(w)}\" height=\"{N(BarHeight)}\" rx=\"3\"><title>{E(tip)}</title></rect>");

        foreach (AttemptReport a in b.AttemptLog)
        {
            string kind = WireNames.Of(a.Kind), status = WireNames.Of(a.Status);
            string cls = $"attempt kind-{E(kind)}{(a.Status is AttemptStatus.Ok ? string.Empty : a.Status == AttemptStatus.Cancelled ? " cancelled" : " err")}{(a.HttpStatus == 429 ? " http429" : string.Empty)}";
            string attemptTip = $"{name} attempt {a.Number} ({kind}): {status}{(a.HttpStatus is { } s ? $" HTTP {s}" : string.Empty)}, {Ms(a.EndMs - a.StartMs)}{(a.Error is null ? string.Empty : " - " + a.Error)}";
            Rect(html, cls, a.StartMs, a.EndMs, barY + 2, BarHeight - 4, scale, attemptTip, dataMark: kind);
            html.Append(CultureInfo.InvariantCulture, $"<line class=\"tickmark\" x1=\"{N(X(a.StartMs, scale))}\" y1=\"{N(barY - 2)}\" x2=\"{N(X(a.StartMs, scale))}\" y2=\"{N(barY + BarHeight + 2)}\"/>");
        }

        foreach (TimelineEvent e in report.Timeline.Where(e => e.Branch == b.Label && e.Stage == b.Stage))
        {
            switch (e.Kind)
            {
                case TimelineEventKind.Throttled:
                    double wait = ThrottleMs(e.Detail);
                    Rect(html, "throttle", Math.Max(0, e.AtMs - wait), e.AtMs, barY - 3, 3, scale, $"{name}: waited for budget {e.Detail}", dataMark: "throttle");
                    break;
                case TimelineEventKind.Hedge or TimelineEventKind.HedgeWon:
                    double hx = X(e.AtMs, scale);
                    html.Append(CultureInfo.InvariantCulture,
                        $"<path class=\"hedge\" data-mark=\"{WireNames.Of(e.Kind)}\" d=\"M{N(hx)} {N(barY - 4)} l4 4 l-4 4 l-4 -4 z\"><title>{E($"{name}: {(e.Kind == TimelineEventKind.Hedge ? "hedge launched" : "hedge won")} at {Ms(e.AtMs)}")}</title></path>");
                    break;
                case TimelineEventKind.Fallback:
                    Tick(html, "fallback", e.AtMs, barY, scale, $"{name}: fell back at {Ms(e.AtMs)}: {e.Detail}");
                    break;
                default:
                    break;
            }
        }

        if (b.Status is "cancelled" or "skipped")
        {
            double cx = X(b.EndMs, scale), cy = barY + (BarHeight / 2);
            html.Append(CultureInfo.InvariantCulture,
                $"<path class=\"cancel\" data-mark=\"cancel\" d=\"M{N(cx - 4)} {N(cy - 4)} l8 8 M{N(cx + 4)} {N(cy - 4)} l-8 8\"><title>{E($"{name}: {b.Status} at {Ms(b.EndMs)}")}</title></path>");
        }
    }

    private static void RunMoments(StringBuilder html, RunReport report, double scale, double height)
    {
        foreach (TimelineEvent e in report.Timeline.Where(e => e.Kind is TimelineEventKind.Settled or TimelineEventKind.Decided or TimelineEventKind.Deadline or TimelineEventKind.PolicyFailed || (e.Branch is null && e.Kind == TimelineEventKind.Cancelled)))
        {
            double x = X(e.AtMs, scale);
            string kind = WireNames.Of(e.Kind);
            html.Append(CultureInfo.InvariantCulture,
                $"<line class=\"moment m-{E(kind)}\" data-mark=\"{E(kind)}\" x1=\"{N(x)}\" y1=\"{N(Top - 4)}\" x2=\"{N(x)}\" y2=\"{N(height - 8)}\"><title>{E($"{kind} at {Ms(e.AtMs)}: {e.Detail}")}</title></line>");
        }
    }

    private static void Rect(StringBuilder html, string cls, double from, double to, double y, double h, double scale, string tip, string? dataMark = null)
    {
        string mark = dataMark is null ? string.Empty : $" data-mark=\"{E(dataMark)}\"";
        html.Append(CultureInfo.InvariantCulture,
            $"<rect class=\"{cls}\"{mark} x=\"{N(X(from, scale))}\" y=\"{N(y)}\" width=\"{N(Math.Max(1.5, (to - from) * scale))}\" height=\"{N(h)}\"><title>{E(tip)}</title></rect>");
    }

    private static void Tick(StringBuilder html, string cls, double at, double barY, double scale, string tip)
    {
        double x = X(at, scale);
        html.Append(CultureInfo.InvariantCulture,
            $"<line class=\"{cls}\" data-mark=\"{cls}\" x1=\"{N(x)}\" y1=\"{N(barY - 4)}\" x2=\"{N(x)}\" y2=\"{N(barY + BarHeight + 4)}\"><title>{E(tip)}</title></line>");
    }

    private static double X(double ms, double scale) => LabelWidth + (ms * scale);

    private static double ThrottleMs(string? detail) =>
        detail is not null && LeadingMs().Match(detail) is { Success: true } m && double.TryParse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double ms) ? ms : 0;

    private static double NiceStep(double raw)
    {
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(raw, 1e-3))));
        double unit = raw / magnitude;
        return magnitude * (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10);
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    [GeneratedRegex(@"^\s*([0-9.]+)\s*ms")]
    private static partial Regex LeadingMs();
}
