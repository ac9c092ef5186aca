using Microsoft.Extensions.AI;
using Chorus.Reporting;

namespace Chorus.Tests.Model;

public class BranchContextTests
{
    /// <summary>Middleware that retries once after a 429, reporting each attempt as a resilience layer would.</summary>
    private sealed class RetryingMiddleware(IChatClient inner) : DelegatingChatClient(inner)
    {
        public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            BranchContext context = BranchContext.Current ?? throw new InvalidOperationException("no branch context");
            TimeSpan start = context.Now;
            context.RecordThrottleWait(TimeSpan.FromMilliseconds(250), "tokens/min");
            context.RecordAttempt(AttemptKind.Call, start, AttemptStatus.Error, "HTTP 429", 429, new UsageDetails { InputTokenCount = 30, OutputTokenCount = 0 });
            context.RecordHedge(won: false);
            context.RecordHedge(won: true);
            start = context.Now;
            ChatResponse response = await base.GetResponseAsync(messages, options, cancellationToken);
            context.RecordAttempt(AttemptKind.Retry, start, AttemptStatus.Ok, httpStatus: 200, usage: response.Usage);
            return response;
        }
    }

    [Fact]
    public async Task RunAsync_MiddlewareReportsAttempts_TheyReplaceTheCallRecordAndAreAccounted()
    {
        var client = new RetryingMiddleware(new ScriptedChatClient("ok", 30, 7));
        var plan = new Plan<string>("ctx", [new Branch("a", client, "q")], new RecordingAggregator());

        RunResult<string> result = await PlanRunner.Default.RunAsync(plan);

        BranchOutcome outcome = Assert.Single(result.Outcomes);
        Assert.Equal(["call", "retry"], outcome.Attempts.Select(a => WireNames.Of(a.Kind)));
        Assert.Equal([1, 2], outcome.Attempts.Select(a => a.Number));
        Assert.Equal([429, 200], outcome.Attempts.Select(a => a.HttpStatus));
        Assert.Equal(60, outcome.Usage!.InputTokenCount);     // both attempts are paid for
        Assert.Equal(30, outcome.WastedTokens);
        Assert.Equal(1, outcome.Http429);
        Assert.Equal(TimeSpan.FromMilliseconds(250), outcome.ThrottleWait);
        Assert.Equal((1, 1), (outcome.Hedges, outcome.HedgesWon));

        RunReport report = result.Report;
        Assert.Equal((1, 1, 30, 1), (report.Http429, report.Retries, report.WastedTokens, report.Hedges));
        Assert.Equal(250, report.ThrottleWaitMs);
        Assert.Equal(1, report.Branches[0].Retries);
        Assert.Contains(report.Timeline, e => WireNames.Of(e.Kind) == "throttled");
    }

    [Fact]
    public async Task Current_OutsideARunner_IsNull()
    {
        BranchContext? seen = null;
        var client = new ScriptedChatClient((_, _, _) =>
        {
            seen = BranchContext.Current;
            return Task.FromResult(ScriptedChatClient.Reply("x"));
        });

        await client.GetResponseAsync("q");
        Assert.Null(seen);

        await PlanRunner.Default.RunAsync(new Plan<string>("p", [new Branch("lbl", client, "q")], new RecordingAggregator()));
        Assert.Equal("lbl", seen!.Label);
        Assert.False(seen.IsSecondStage);
        Assert.Null(BranchContext.Current);
    }
}
