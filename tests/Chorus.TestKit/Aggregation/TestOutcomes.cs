
using Microsoft.Extensions.AI;

namespace Chorus.TestKit;

/// <summary>Builds branch outcomes directly, as the runner would report them.</summary>
public static class TestOutcomes
{
    public static BranchOutcome Ok(int index, string text, string? label = null, long inputTokens = 10, long outputTokens = 5)
    {
        ChatResponse response = ScriptedChatClient.Reply(text, inputTokens, outputTokens);
        return new BranchOutcome
        {
            Index = index,
            Label = label ?? Label(index),
            Status = BranchStatus.Succeeded,
            Response = response,
            Usage = response.Usage,
            Model = "scripted",
        };
    }

    public static BranchOutcome Failed(int index, string message = "boom", BranchStatus status = BranchStatus.Failed, string? label = null) => new()
    {
        Index = index,
        Label = label ?? Label(index),
        Status = status,
        Error = status switch
        {
            BranchStatus.TimedOut => new TimeoutException(message),
            BranchStatus.Cancelled or BranchStatus.Skipped => new OperationCanceledException(message),
            _ => new InvalidOperationException(message),
        },
    };

    public static string Label(int index) => "b" + index;

    /// <summary>Adds every outcome in the given order and returns what each <see cref="IAggregation{TResult}.Add"/> said.</summary>
    public static List<bool> AddAll<T>(this IAggregation<T> aggregation, params BranchOutcome[] outcomes) =>
        [.. outcomes.Select(aggregation.Add)];

    /// <summary>Completes with a context holding the outcomes in branch order and no second stage.</summary>
    public static Task<AggregationResult<T>> CompleteAsync<T>(this IAggregation<T> aggregation, params BranchOutcome[] outcomes) =>
        aggregation.CompleteAsync(new AggregationContext([.. outcomes.OrderBy(o => o.Index)]));

    /// <summary>Begins a run of <paramref name="outcomes"/>.Length branches, adds them in the given order and completes.</summary>
    public static Task<AggregationResult<T>> RunAsync<T>(this IAggregator<T> aggregator, params BranchOutcome[] outcomes)
    {
        IAggregation<T> aggregation = aggregator.Begin(outcomes.Length);
        aggregation.AddAll(outcomes);
        return aggregation.CompleteAsync(outcomes);
    }
}
