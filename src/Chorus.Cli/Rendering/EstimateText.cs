using System.Globalization;
using Chorus.Estimation;

namespace Chorus.Cli.Rendering;

/// <summary>Writes a run's pre-flight estimate as a few plain lines (what <c>--dry-run</c> prints).</summary>
internal static class EstimateText
{
    public static void Write(TextWriter output, RunEstimate estimate)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(estimate);
        CultureInfo c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"Estimate (dry run, nothing sent): {estimate.Calls.Count} calls = {estimate.Branches} branches + {estimate.FollowUpCalls} follow-up calls"));
        output.WriteLine(string.Create(c, $"  tokens: {estimate.InputTokens:N0} in + {estimate.OutputTokens:N0} out = {estimate.TotalTokens:N0}"));
        string cost = estimate.Cost is { } value
            ? value.ToString("0.######", c)
            : "unknown (no price for " + string.Join(", ", estimate.Calls.Where(x => x.Cost is null).Select(x => x.Model ?? "an unnamed model").Distinct()) + ")";
        output.WriteLine("  cost:   " + cost);
        foreach (IGrouping<string, BranchEstimate> stage in estimate.Calls.Where(x => x.Stage != "main").GroupBy(x => x.Stage))
        {
            output.WriteLine(string.Create(c, $"  {stage.Key}: {stage.Count()} call(s), {stage.Sum(x => x.TotalTokens):N0} tokens"));
        }
    }
}
