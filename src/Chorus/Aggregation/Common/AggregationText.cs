using System.Globalization;
using System.Text;

namespace Chorus.Aggregation;

/// <summary>Small text helpers shared by the aggregators: labels, status words, templates.</summary>
internal static class AggregationText
{
    /// <summary>Finds a main-stage branch's label in the context, or a placeholder when the context has no outcome for it.</summary>
    public static string LabelOf(AggregationContext context, int index)
    {
        foreach (BranchOutcome outcome in context.Outcomes)
        {
            if (outcome.Index == index && outcome.Stage == RunStages.Main)
            {
                return outcome.Label;
            }
        }

        return "#" + index.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Describes why a branch has no usable response, for evidence and error messages.</summary>
    public static string DescribeFailure(BranchOutcome outcome)
    {
        string status = StatusWord(outcome.Status);
        return outcome.Error is { } error ? $"{status}: {error.Message}" : status;
    }

    /// <summary>The lower-case word for a status, as used in messages: <c>failed</c>, <c>timed out</c>, <c>cancelled</c>, <c>skipped</c>.</summary>
    public static string StatusWord(BranchStatus status) => status switch
    {
        BranchStatus.Succeeded => "succeeded",
        BranchStatus.Failed => "failed",
        BranchStatus.TimedOut => "timed out",
        BranchStatus.Cancelled => "cancelled",
        _ => "skipped",
    };

    /// <summary>Counts abstaining outcomes by status, as <c>3 failed, 1 timed out</c>; empty when there are none.</summary>
    public static List<string> CountByStatus(IEnumerable<BranchOutcome> abstentions)
    {
        var parts = new List<string>();
        foreach (BranchStatus status in (ReadOnlySpan<BranchStatus>)[BranchStatus.Failed, BranchStatus.TimedOut, BranchStatus.Cancelled, BranchStatus.Skipped])
        {
            int count = abstentions.Count(o => o.Status == status);
            if (count > 0)
            {
                parts.Add($"{count} {StatusWord(status)}");
            }
        }

        return parts;
    }

    /// <summary>Joins labels as <c>a,b,c</c>.</summary>
    public static string Labels(IEnumerable<string> labels) => string.Join(',', labels);

    /// <summary>Formats a number for summaries, invariantly.</summary>
    public static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>
    /// Replaces each <c>{name}</c> whose name is in <paramref name="values"/> in one pass, so text substituted in is never
    /// scanned again; other braces (for example a JSON example in the template) are left as they are.
    /// </summary>
    public static string Render(string template, IReadOnlyDictionary<string, string> values)
    {
        var builder = new StringBuilder(template.Length + 256);
        int i = 0;
        while (i < template.Length)
        {
            char c = template[i];
            if (c == '{')
            {
                int close = template.IndexOf('}', i + 1);
                if (close > i && values.TryGetValue(template[(i + 1)..close], out string? value))
                {
                    builder.Append(value);
                    i = close + 1;
                    continue;
                }
            }

            builder.Append(c);
            i++;
        }

        return builder.ToString();
    }
}
