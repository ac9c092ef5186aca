using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Chorus.Aggregation;

namespace Chorus.Voting;

/// <summary>Runs the clusterer as a second stage and turns its reply into groups; any problem leaves the answers ungrouped.</summary>
internal static class ClusterJudge
{
    public static async Task<ClusterResult> RunAsync(
        AggregationContext context, IChatClient client, ChatOptions? options, List<WeightedEntry> ranked, CancellationToken cancellationToken)
    {
        var branch = new Branch(VoteConstants.ClusterStage, client, ClusterPrompt.Render(ranked), options);
        IReadOnlyList<BranchOutcome> outcomes = await context.RunStageAsync(VoteConstants.ClusterStage, [branch], cancellationToken).ConfigureAwait(false);
        BranchOutcome outcome = outcomes[0];
        if (!outcome.Succeeded)
        {
            return new ClusterResult(null, "the clusterer's call " + AggregationText.DescribeFailure(outcome) + "; answers were counted as normalized");
        }

        return Parse(outcome.Text, ranked) is { } groups
            ? new ClusterResult(groups, null)
            : new ClusterResult(null, $"the clusterer's reply could not be read as {{\"groups\": [[…]]}}: {Shorten(outcome.Text)}; answers were counted as normalized");
    }

    /// <summary>Reads <c>{"groups": [[1, 3], [2]]}</c>; numbers out of range or repeated are ignored, and unlisted answers stay alone.</summary>
    internal static List<VoteGroup>? Parse(string? text, List<WeightedEntry> ranked)
    {
        if (!JsonReply.TryParseObject(text, out JsonElement root)
            || !(JsonReply.TryGetProperty(root, "groups", out JsonElement list) || JsonReply.TryGetProperty(root, "clusters", out list))
            || list.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var taken = new bool[ranked.Count];
        var groups = new List<List<int>>();
        foreach (JsonElement group in list.EnumerateArray())
        {
            if (group.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var members = new List<int>();
            foreach (JsonElement item in group.EnumerateArray())
            {
                if (Number(item) is { } n && n >= 1 && n <= ranked.Count && !taken[n - 1])
                {
                    taken[n - 1] = true;
                    members.Add(n - 1);
                }
            }

            if (members.Count > 0)
            {
                groups.Add(members);
            }
        }

        for (int i = 0; i < ranked.Count; i++)
        {
            if (!taken[i])
            {
                groups.Add([i]);
            }
        }

        // Members in ranked order, so the first is the heaviest (ties by the tie rule) and the group's rank is its best member's.
        return [.. groups.Select(g => g.Order().ToList()).Select(g => new VoteGroup([.. g.Select(i => ranked[i])], g[0]))];
    }

    private static int? Number(JsonElement item) => item.ValueKind switch
    {
        JsonValueKind.Number when item.TryGetInt32(out int n) => n,
        JsonValueKind.String when int.TryParse(item.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) => n,
        _ => null,
    };

    private static string Shorten(string? text)
    {
        string value = (text ?? string.Empty).ReplaceLineEndings(" ");
        return value.Length <= 200 ? value : value[..200] + "…";
    }
}
