using System.Globalization;
using System.Text;

namespace Chorus.Voting;

/// <summary>The prompt that asks a model to group candidate answers by meaning (Universal Self-Consistency).</summary>
internal static class ClusterPrompt
{
    public const string Instructions =
        "Several answers to the same question are listed below, numbered. Group together the answers that mean the same thing, "
        + "even if they are worded or formatted differently. Answers that differ in substance belong in different groups.\n"
        + "Reply with JSON only, in this form: {\"groups\": [[1, 3], [2]]}. List every number exactly once.";

    public static string Render(IReadOnlyList<WeightedEntry> candidates)
    {
        var builder = new StringBuilder(Instructions).Append("\n\nAnswers:\n");
        for (int i = 0; i < candidates.Count; i++)
        {
            builder.Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append(". ")
                .Append(candidates[i].Answer.ReplaceLineEndings(" ")).Append('\n');
        }

        return builder.ToString();
    }
}
