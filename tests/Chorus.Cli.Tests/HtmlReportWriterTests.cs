using System.Text.RegularExpressions;
using Chorus.Cli.Rendering;
using Chorus.Reporting;

namespace Chorus.Cli.Tests;

public class HtmlReportWriterTests
{
    /// <summary>The labels of the timeline bars, in order: each bar is the one element per branch carrying <c>data-branch</c>.</summary>
    internal static List<string> Bars(string html) =>
        [.. Regex.Matches(html, "data-branch=\"([^\"]*)\"").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value))];

    [Fact]
    public void Render_EveryBranch_HasExactlyOneBarCarryingItsLabel()
    {
        string html = HtmlReportWriter.Render("t", [Sample()]);

        Assert.Equal(["fast", "slow<b>", "hedged", "late"], Bars(html));
        Assert.Contains("data-branches=\"4\"", html);
    }

    [Fact]
    public void Render_ModelText_IsEscapedEverywhere()
    {
        string html = HtmlReportWriter.Render("title <i>", [Sample()]);

        Assert.DoesNotContain("<script>alert(1)</script>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.DoesNotContain("slow<b>", html);
        Assert.Contains("slow&lt;b&gt;", html);
        Assert.Contains("<title>title &lt;i&gt;</title>", html);
        Assert.Equal(1, Regex.Count(html, "<script>", RegexOptions.None));    // only the page's own counting script
    }

    [Fact]
    public void Render_AttemptsThrottleRetryHedgeAndCancellation_EachGetAMark()
    {
        string html = HtmlReportWriter.Render("t", [Sample()]);

        Assert.Equal(2, Regex.Count(html, "data-mark=\"call\""));
        Assert.Equal(1, Regex.Count(html, "data-mark=\"retry\""));
        Assert.Equal(1, Regex.Count(html, "class=\"attempt kind-call err http429\""));    // the 429 the retry followed
        Assert.Equal(1, Regex.Count(html, "data-mark=\"throttle\""));
        Assert.Equal(1, Regex.Count(html, "class=\"hedge\" data-mark=\"hedge\""));
        Assert.Equal(1, Regex.Count(html, "class=\"attempt kind-hedge\" data-mark=\"hedge\""));
        Assert.Equal(1, Regex.Count(html, "data-mark=\"hedge_won\""));
        Assert.Equal(1, Regex.Count(html, "data-mark=\"cancel\""));
        Assert.Equal(1, Regex.Count(html, "data-mark=\"settled\""));
    }

    [Fact]
    public void Render_Majority_DrawsAVoteHistogramWithTheWinnerFirst()
    {
        string html = HtmlReportWriter.Render("t", [Sample()]);

        Match histogram = Regex.Match(html, "<div class=\"histogram\" data-chart=\"votes\">(.*?)</div></div>");
        Assert.True(histogram.Success);
        Assert.Contains("<div class=\"hrow winner\"><span class=\"hkey\" title=\"391\">391</span>", html);
        Assert.Contains("style=\"width:50%\"", histogram.Value);    // 1 vote against the winner's 2
        Assert.Contains("wall-vs-sequential", html);
        Assert.Contains("$0.000123", html);
    }

    [Fact]
    public void Render_Jury_DrawsJurorsByCandidatesWithTheCombinedRow()
    {
        var decision = new AggregationDecision("jury", "a won", "a", 0.9,
        [
            new("seed", 7, "order: A=a, B=b"),
            new("juror-1/accuracy/a", 8, "A: fine"),
            new("juror-1/accuracy/b", 5, "B: meh"),
            new("juror-2/tone", 0, "abstained: unreadable"),
            new("combined/a", 8, "mean"),
            new("combined/b", 5, "mean"),
        ]);
        RunReport report = Sample() with { Strategy = "jury", Decision = decision };

        string html = HtmlReportWriter.Render("t", [report]);

        Assert.Contains("<table class=\"grid jury\" data-chart=\"jury\"><tr><th>juror (aspect)</th><th class=\"num\">a</th><th class=\"num\">b</th></tr>", html);
        Assert.Contains("<td>juror-1 (accuracy)</td><td class=\"num score\" style=\"--s:0.8\">8</td>", html);
        Assert.Contains("<td>juror-2 (tone)</td><td class=\"muted\" title=\"abstained: unreadable\">abstained</td>", html);
        Assert.Contains("<tr class=\"combined\"><td><b>combined</b></td><td class=\"num\"><b>8</b></td>", html);
    }

    [Fact]
    public void Render_MergeConflicts_AreListedApart()
    {
        RunReport report = Sample() with
        {
            Decision = new AggregationDecision("merge", "merged 2 sections, 1 conflict", Evidence: [new("conflict/price", 2, "a says 3, b says <4>")]),
        };

        string html = HtmlReportWriter.Render("t", [report]);

        Assert.Contains("<div class=\"conflicts\" data-chart=\"conflicts\"><b>1 merge conflict</b><ul><li><code>conflict/price</code>: a says 3, b says &lt;4&gt;</li>", html);
    }

    [Fact]
    public void Render_FailedRunWithoutDecision_SaysWhy()
    {
        RunReport report = Sample() with { Status = "failed", Error = "cancelled by the caller", Decision = null };

        string html = HtmlReportWriter.Render("t", [report]);

        Assert.Contains("No decision: cancelled by the caller", html);
        Assert.Contains("<span class=\"badge failed\">failed</span>", html);
        Assert.Equal(4, Bars(html).Count);
    }

    internal static RunReport Sample() => new()
    {
        Scenario = "vote",
        Strategy = "majority",
        FailurePolicy = "quorum(2)",
        Status = "ok",
        WallMs = 1000,
        SequentialMs = 2500,
        Speedup = 2.5,
        InputTokens = 40,
        OutputTokens = 60,
        TotalTokens = 100,
        Cost = 0.000123m,
        Decision = new AggregationDecision("majority", "\"391\" won 2 of 3 votes", "391", 0.67,
            [new("391", 2, "branches: fast,hedged"), new("392", 1, "branches: slow<b>"), new("not counted", 1, "branches: late")]),
        Branches =
        [
            Branch(0, "fast", "succeeded", 0, 300, "The answer is 391. <script>alert(1)</script>", [new(1, AttemptKind.Call, 0, 300, AttemptStatus.Ok, null, 200)]),
            Branch(1, "slow<b>", "succeeded", 0, 900, "392",
                [new(1, AttemptKind.Call, 0, 100, AttemptStatus.Error, "rate limited", 429), new(2, AttemptKind.Retry, 400, 900, AttemptStatus.Ok, null, 200)]),
            Branch(2, "hedged", "succeeded", 100, 700, "391", [new(1, AttemptKind.Hedge, 350, 700, AttemptStatus.Ok, null, 200)]),
            Branch(3, "late", "cancelled", 200, 950, null, []),
        ],
        Timeline =
        [
            new(300, "slow<b>", "main", TimelineEventKind.Throttled, "200 ms: retry-after"),
            new(350, "hedged", "main", TimelineEventKind.Hedge),
            new(700, "hedged", "main", TimelineEventKind.HedgeWon),
            new(920, "hedged", "main", TimelineEventKind.Settled, "the answer is settled; cancelling the rest"),
        ],
    };

    private static BranchReport Branch(int index, string label, string status, double start, double end, string? text, AttemptReport[] attempts) => new()
    {
        Index = index,
        Label = label,
        Stage = "main",
        Status = status,
        Model = "m",
        Attempts = attempts.Length,
        InputTokens = 10,
        OutputTokens = 15,
        Cost = 0.00001m,
        QueuedMs = 0,
        StartMs = start,
        EndMs = end,
        DurationMs = end - start,
        Text = text,
        Error = status == "cancelled" ? "Branch 'late' was cancelled: the run no longer needed it." : null,
        AttemptLog = attempts,
    };
}
