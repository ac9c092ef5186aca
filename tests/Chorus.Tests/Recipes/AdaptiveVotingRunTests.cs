using Chorus.Tests.Running;
using Microsoft.Extensions.AI;
using Chorus.Voting;

namespace Chorus.Tests.Recipes;

/// <summary>Adaptive voting through the real runner: k samples in flight, each counted as it lands, the rest cancelled when the rule fires.</summary>
public class AdaptiveVotingRunTests
{
    /// <summary>Samples 0–2 answer at once; sample 3 answers once six have started; every other sample hangs until cancelled.</summary>
    private static ScriptedChatClient FourAgreeThenHang(Gate gate)
    {
        return new ScriptedChatClient((_, _, ct) => gate.RunAsync(async () =>
        {
            int call = BranchContext.Current!.Index;     // every sample has the same prompt; the runner says which one this is
            if (call == 3)
            {
                await gate.WhenStarted(6);      // the other two workers have taken samples 4 and 5 and are in flight
            }
            else if (call > 3)
            {
                await Task.Delay(Timeout.Infinite, ct);
            }

            return ScriptedChatClient.Reply($"step {call}: the answer is 42.", 10, 5);
        }));
    }

    [Fact]
    public async Task VoteAsync_RuleFires_InFlightSamplesAreCancelledNoMoreStartAndTheirTokensAreCounted()
    {
        var gate = new Gate();
        IChatClient client = FourAgreeThenHang(gate);
        var options = new VoteOptions { MaxSamples = 10, Concurrency = 3, Aggregator = { StoppingRule = StoppingRules.Adaptive(0.95) } };

        RunResult<VoteResult> result = await client.VoteAsync("q", options).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, gate.InFlight);                 // nothing runs on after the vote returns
        Assert.Equal(6, gate.Started);                  // no sample started after the rule fired
        VoteResult vote = result.Value;
        Assert.Equal("42", vote.Answer);
        Assert.Equal(4, vote.SamplesUsed);
        Assert.Equal(2, vote.SamplesCancelled);
        Assert.Equal(4, vote.SamplesSkipped);
        Assert.Equal(10, vote.CancelledTokens);         // estimated prompt of 5 tokens ("q" → 1, + 4 per message) each, nothing streamed
        Assert.Equal(0.96875, vote.Confidence);
        Assert.Equal("adaptive-beta(0.95)", vote.StoppedBy);
        Assert.Equal(
            [BranchStatus.Succeeded, BranchStatus.Succeeded, BranchStatus.Succeeded, BranchStatus.Succeeded, BranchStatus.Cancelled, BranchStatus.Cancelled,
             BranchStatus.Skipped, BranchStatus.Skipped, BranchStatus.Skipped, BranchStatus.Skipped],
            result.Outcomes.Select(o => o.Status));
        Assert.Equal(6, result.Report.Cancelled);
        Assert.Equal(10, result.Report.WastedTokens);
        Assert.Equal("vote", result.Report.Strategy);
        Assert.Contains(new DecisionEvidence("tokens/cancelled", 10, "estimated where the provider reported none"), result.Decision.Evidence);
        Assert.Contains(new DecisionEvidence("samples/cancelled", 2, "in flight when the vote stopped"), result.Decision.Evidence);
    }

    [Fact]
    public async Task VoteAsync_RuleNeverFires_TakesEverySampleWithKInFlight()
    {
        var gate = new Gate();
        int calls = -1;
        var client = new ScriptedChatClient((_, _, ct) => gate.RunAsync(async () =>
        {
            int call = Interlocked.Increment(ref calls);
            await gate.Released.WaitAsync(ct);
            return ScriptedChatClient.Reply($"The answer is {call % 3}.");
        }));
        var options = new VoteOptions { MaxSamples = 6, Concurrency = 2, Aggregator = { StoppingRule = StoppingRules.Adaptive(0.99), TieRule = MajorityTieRule.LowestBranchIndex } };

        Task<RunResult<VoteResult>> run = client.VoteAsync("q", options);
        await gate.WhenStarted(2);
        Assert.Equal(2, gate.InFlight);
        Assert.False(run.IsCompleted);
        gate.Release();
        RunResult<VoteResult> result = await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, gate.Peak);
        Assert.Equal(6, result.Value.SamplesUsed);
        Assert.Null(result.Value.StoppedBy);
        Assert.Equal(0, result.Value.SamplesCancelled);
        Assert.Equal(2, result.Value.Votes);
    }

    [Fact]
    public async Task VoteAsync_Panel_RoundRobinsVotersAndScoreboardTracksEach()
    {
        var good = new ScriptedChatClient("The answer is 12.");
        var bad = new ScriptedChatClient("The answer is 13.");
        Voter[] panel = [new("good", good, "Solve: {question}"), new("bad", bad), new("good-2", good, weight: 2)];
        var options = new VoteOptions { MaxSamples = 6, Concurrency = 1, Aggregator = { StoppingRule = StoppingRules.Fixed(6) } };

        RunResult<VoteResult> result = await panel.VoteAsync("7 + 5", options).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["good#0", "bad#0", "good-2#0", "good#1", "bad#1", "good-2#1"], result.Outcomes.Select(o => o.Label));
        Assert.Equal("12", result.Value.Answer);
        Assert.Equal(6, result.Value.Weight);           // 2 × 1 + 2 × 2
        var scoreboard = new VoterScoreboard();
        Assert.True(scoreboard.Record(result.Value, "12"));
        Assert.Equal(
            [new VoterAccuracy("good", 2, 2, 0), new VoterAccuracy("good-2", 2, 2, 0), new VoterAccuracy("bad", 2, 0, 0)],
            scoreboard.Voters());
        Assert.Equal(1.0, scoreboard.VoteAccuracy);
    }
}
