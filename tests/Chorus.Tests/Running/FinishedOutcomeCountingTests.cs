using Chorus.TestKit;
using Microsoft.Extensions.AI;
using Chorus.Diagnostics;
using Chorus.Voting;

namespace Chorus.Tests.Running;

public class FinishedOutcomeCountingTests
{
    private static int IndexOf(IEnumerable<ChatMessage> messages) => int.Parse(messages.Last().Text.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);

    // Issue 12, item 1: branch s2 has its answer in hand when s0 and s1 settle the vote; the answer lands after the
    // stop. It was paid for and finished, so it must be counted and the confidence must include it.
    [Fact]
    public async Task RunAsync_AnswerLandsAfterSettle_IsCountedAndInConfidence()
    {
        var settled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lastStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var client = new ScriptedChatClient(async (m, _, ct) =>
        {
            int i = IndexOf(m);
            if (i == 2)
            {
                lastStarted.TrySetResult();
                // Already landed: the response is in hand, so the stop cannot take it back.
                await settled.Task.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
                return ScriptedChatClient.Reply("The answer is 391");
            }

            await lastStarted.Task.WaitAsync(ct);
            return ScriptedChatClient.Reply("The answer is 390");
        });
        var runner = new PlanRunner(new PlanRunnerOptions
        {
            OnEvent = e =>
            {
                if (e.Kind == TimelineEventKind.Settled)
                {
                    settled.TrySetResult();
                }
            },
        });
        var plan = new Plan<VoteResult>(
            "vote",
            Enumerable.Range(0, 3).Select(i => new Branch($"s{i}", client, $"prompt {i}")),
            Aggregators.Vote(new VoteAggregatorOptions { StoppingRule = StoppingRules.CannotBeOvertaken() }),
            limits: new RunLimits { MaxConcurrency = 3 });

        RunResult<VoteResult> result = await runner.RunAsync(plan).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.All(result.Outcomes, o => Assert.Equal(BranchStatus.Succeeded, o.Status));
        Assert.Equal(3, result.Value.ValidVotes);
        Assert.Equal(2, result.Value.Votes);
        Assert.Equal(2.0 / 3, result.Value.Confidence, 9);
        Assert.Equal([0, 1, 2], result.Value.Ballots.Select(b => b.Index));
        Assert.DoesNotContain("not counted", result.Decision.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Decision.Evidence, e => e.Key == "samples/late");
    }

    [Fact]
    public async Task RunAsync_SettledVote_LetGoBranchesAreStoppedEarlyNotErrorSpans()
    {
        // Issue 12, item 10: samples the settled vote no longer needed ended normally.
        var spans = new List<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = s => s.Name == ChorusTelemetry.Source.Name,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (spans) { spans.Add(a); } },
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        var lastStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var client = new ScriptedChatClient(async (m, _, ct) =>
        {
            if (IndexOf(m) == 2)
            {
                lastStarted.TrySetResult();
                await Task.Delay(Timeout.Infinite, ct);
            }

            await lastStarted.Task.WaitAsync(ct);
            return ScriptedChatClient.Reply("The answer is 390");
        });
        var plan = new Plan<VoteResult>(
            "vote-early",
            Enumerable.Range(0, 3).Select(i => new Branch($"early{i}", client, $"prompt {i}")),
            Aggregators.Vote(new VoteAggregatorOptions { StoppingRule = StoppingRules.CannotBeOvertaken() }),
            limits: new RunLimits { MaxConcurrency = 3 });

        RunResult<VoteResult> result = await PlanRunner.Default.RunAsync(plan).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(BranchStatus.Cancelled, result.Outcomes[2].Status);
        Assert.True(result.Report.Branches[2].StoppedEarly);
        Assert.False(result.Report.Branches[0].StoppedEarly);
        lock (spans)
        {
            System.Diagnostics.Activity span = spans.Single(a => a.OperationName == "chorus.branch" && (string?)a.GetTagItem("chorus.branch.label") == "early2");
            Assert.NotEqual(System.Diagnostics.ActivityStatusCode.Error, span.Status);
            Assert.Equal(true, span.GetTagItem("chorus.branch.stopped_early"));
        }
    }
}
