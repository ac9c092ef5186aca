using Microsoft.Extensions.AI;
using Chorus.Voting;

namespace Chorus.Benchmarks.Voting;

/// <summary>Feeds recorded samples to a vote aggregator one at a time in a given order, as the runner would at concurrency 1, without waiting.</summary>
internal static class OfflineVote
{
    public static (VoteResult? Result, int Used) Run(IAggregator<VoteResult> aggregator, VotingQuestion question, int[] order)
    {
        IAggregation<VoteResult> aggregation = aggregator.Begin(order.Length);
        int used = order.Length;
        for (int i = 0; i < order.Length; i++)
        {
            if (aggregation.Add(Outcome(i, question.Texts[order[i]], question.Voters?[order[i]])))
            {
                used = i + 1;
                break;
            }
        }

        try
        {
            return (aggregation.CompleteAsync(new AggregationContext([])).GetAwaiter().GetResult().Value, used);
        }
        catch (AggregationException)
        {
            return (null, used);     // every sample abstained: the vote has no answer and counts as wrong
        }
    }

    /// <summary>Majority over the dataset's recorded answers by plain counting, exact strings, first seen wins a tie: the reference figure's method.</summary>
    public static bool IndependentMajorityIsCorrect(VotingQuestion question)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        string? best = null;
        foreach (string? answer in question.RecordedAnswers)
        {
            if (answer is not null)
            {
                counts[answer] = counts.GetValueOrDefault(answer) + 1;
            }
        }

        foreach (string? answer in question.RecordedAnswers)
        {
            if (answer is not null && (best is null || counts[answer] > counts[best]))
            {
                best = answer;
            }
        }

        return best == question.Gold;
    }

    public static int[] Permutation(int count, int seed, int question)
    {
        int[] order = [.. Enumerable.Range(0, count)];
        var random = new Random(unchecked((seed * 7919) + (question * 104729) + 17));
        for (int i = count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    public static int[] Identity(int count) => [.. Enumerable.Range(0, count)];

    private static BranchOutcome Outcome(int index, string? text, string? voter) => new()
    {
        Index = index,
        Label = "s" + index.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Status = BranchStatus.Succeeded,
        Response = new ChatResponse(new ChatMessage(ChatRole.Assistant, text ?? string.Empty)),
        Model = voter,
    };
}
