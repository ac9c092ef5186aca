using Microsoft.Extensions.AI;

namespace Chorus.Sandbox.Tests;

public class CodeBestOfAggregatorTests
{
    private const string Tests = "from solution import add\nassert add(2, 3) == 5\n";

    /// <summary>Correct-fast, correct-slow (sleeps 1 s per call), wrong, infinite loop, prose without code: ranked passing first, then by runtime.</summary>
    [IsolationFact]
    public async Task RunAsync_FiveCandidates_PassingFirstFasterFirstEveryOutcomeInEvidence()
    {
        string[] replies =
        [
            Reply("import time\ndef add(a, b):\n    time.sleep(1)\n    return a + b"),
            Reply("def add(a, b):\n    return a - b"),
            Reply("def add(a, b):\n    return a + b"),
            Reply("def add(a, b):\n    while True:\n        pass"),
            "I would rather not write code.",
        ];
        Branch[] branches = [.. replies.Select((r, i) => new Branch($"c{i}", new ScriptedChatClient(r), "write add"))];
        var aggregator = new CodeBestOfAggregator(new CodeBestOfOptions
        {
            Tests = Tests,
            Repetitions = 2,
            Sandbox = new CodeSandbox(new SandboxOptions { WallTimeout = TimeSpan.FromSeconds(3) }),
        });

        RunResult<CodeBestOfResult> result = await PlanRunner.Default.RunAsync(new Plan<CodeBestOfResult>("code", branches, aggregator)).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal("c2", result.Value.WinnerLabel);
        Assert.Equal(["c2", "c0", "c1", "c3", "c4"], result.Value.Candidates.Select(c => c.Label));
        Assert.Equal(
            [SandboxStatus.Passed, SandboxStatus.Passed, SandboxStatus.TestsFailed, SandboxStatus.TimedOut, SandboxStatus.NoCode],
            result.Value.Candidates.Select(c => c.Evaluation.Status));
        Assert.Equal("best-of-code", result.Decision.Strategy);
        Assert.Equal(0.4, result.Decision.Confidence);
        Assert.Equal(5, result.Decision.Evidence.Count(e => e.Key.StartsWith("candidate/", StringComparison.Ordinal)));
        Assert.StartsWith("rank 4: TimedOut: exceeded the 3 s wall-time limit", result.Decision.Evidence.Single(e => e.Key == "candidate/c3").Detail);
        Assert.Equal(1, result.Decision.Evidence.Single(e => e.Key == "sandbox/isolation").Value);
        Assert.StartsWith("bubblewrap ", result.Decision.Evidence.Single(e => e.Key == "sandbox/isolation").Detail);
        Assert.True(result.Value.Isolation.Available);
    }

    /// <summary>Issue 14: a fork bomb among the candidates is stopped at the process limit and the others are still tested and ranked.</summary>
    [IsolationFact]
    public async Task RunAsync_OneCandidateIsAForkBomb_RunCompletesWithTheOthersRanked()
    {
        string[] replies =
        [
            Reply("import os\nwhile True:\n    os.fork()"),
            Reply("def add(a, b):\n    return a + b"),
            Reply("def add(a, b):\n    return a - b"),
        ];
        Branch[] branches = [.. replies.Select((r, i) => new Branch($"c{i}", new ScriptedChatClient(r), "write add"))];
        var aggregator = new CodeBestOfAggregator(new CodeBestOfOptions
        {
            Tests = Tests,
            Repetitions = 1,
            Sandbox = new CodeSandbox(new SandboxOptions { WallTimeout = TimeSpan.FromSeconds(3), MaxProcesses = 32 }),
        });

        RunResult<CodeBestOfResult> result = await PlanRunner.Default.RunAsync(new Plan<CodeBestOfResult>("code", branches, aggregator)).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal("c1", result.Value.WinnerLabel);
        Assert.Equal(["c1", "c0", "c2"], result.Value.Candidates.Select(c => c.Label));
        Assert.Equal([SandboxStatus.Passed, SandboxStatus.ProcessLimitExceeded, SandboxStatus.TestsFailed], result.Value.Candidates.Select(c => c.Evaluation.Status));
    }

    [IsolationFact]
    public async Task CompleteAsync_ReviewerBreaksRuntimeTie_AsSecondStage()
    {
        BranchOutcome[] outcomes = [Ok(0, Reply("def add(a, b):\n    return a + b")), Ok(1, Reply("def add(a, b):\n    return sum([a, b])"))];
        ChatOptions? reviewOptions = null;
        var reviewer = new ScriptedChatClient((_, options, _) =>
        {
            reviewOptions = options;
            return Task.FromResult(ScriptedChatClient.Reply("""{"scores":[{"candidate":"A","score":3,"reason":"plain"},{"candidate":"B","score":9,"reason":"neat"}]}"""));
        });
        var aggregator = new CodeBestOfAggregator(new CodeBestOfOptions { Tests = Tests, Repetitions = 1, RuntimeTolerance = 1000, Reviewer = reviewer });
        IAggregation<CodeBestOfResult> aggregation = aggregator.Begin(2);
        foreach (BranchOutcome outcome in outcomes)
        {
            aggregation.Add(outcome);
        }

        var stages = new List<string>();
        AggregationResult<CodeBestOfResult> result = await aggregation.CompleteAsync(new AggregationContext(outcomes, async (stage, branches, ct) =>
        {
            stages.Add(stage);
            ChatResponse response = await branches[0].Client.GetResponseAsync(branches[0].Messages, branches[0].Options, ct);
            return [new BranchOutcome { Index = 0, Label = branches[0].Label, Stage = stage, Status = BranchStatus.Succeeded, Response = response }];
        }));

        Assert.Equal(["review"], stages);
        Assert.Equal("b1", result.Value.WinnerLabel);
        Assert.Equal(9, result.Value.Candidates[0].ReviewScore);
        Assert.Equal("chorus_scores", Assert.IsType<ChatResponseFormatJson>(reviewOptions!.ResponseFormat).SchemaName);
    }

    [IsolationFact]
    public async Task CompleteAsync_NothingPasses_ThrowsListingEveryOutcome()
    {
        BranchOutcome[] outcomes = [Ok(0, Reply("def add(a, b):\n    return 0")), Ok(1, "no code")];
        IAggregation<CodeBestOfResult> aggregation = new CodeBestOfAggregator(new CodeBestOfOptions { Tests = Tests }).Begin(2);
        aggregation.Add(outcomes[0]);
        aggregation.Add(outcomes[1]);

        AggregationException ex = await Assert.ThrowsAsync<AggregationException>(() => aggregation.CompleteAsync(new AggregationContext(outcomes)));

        Assert.StartsWith("No candidate passed the tests: b0: TestsFailed (tests failed (exit 1): AssertionError); b1: NoCode (no code block in the reply).", ex.Message);
    }

    private static string Reply(string code) => $"Here is my solution:\n```python\n{code}\n```\n";

    private static BranchOutcome Ok(int index, string text)
    {
        ChatResponse response = ScriptedChatClient.Reply(text);
        return new BranchOutcome { Index = index, Label = "b" + index, Status = BranchStatus.Succeeded, Response = response, Usage = response.Usage };
    }
}
