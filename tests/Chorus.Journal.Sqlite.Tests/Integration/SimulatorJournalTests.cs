using Chorus.OpenAI;
using Chorus.Simulator;
using Microsoft.Extensions.AI;
using Xunit.Abstractions;
using Chorus.Aggregation;
using Chorus.Estimation;
using Chorus.Reporting;
using Chorus.Voting;

namespace Chorus.Journal.Sqlite.Tests.Integration;

public class SimulatorJournalTests(ITestOutputHelper output)
{
    private static OpenAICompatibleChatClient Client(SimulatorServer server) =>
        new(new OpenAICompatibleOptions { Endpoint = server.BaseUri, Model = "chorus-sim-1", ReadApiKeyFromEnvironment = false });

    private static SimulatorOptions Fast() => new() { LatencyMs = 0, MsPerToken = 0, LatencyJitter = 0 };

    private static Plan<VoteResult> Vote(IChatClient client, int samples, ChatOptions? options = null, string label = "sample") =>
        new("vote", [.. Enumerable.Range(1, samples).Select(i => new Branch($"{label}-{i}", client, "What is 17 + 25?", options))], Aggregators.Majority());

    [Fact]
    public async Task RunAsync_Vote20TwiceWithOneJournalFile_SecondRunSendsNoRequest()
    {
        using var folder = new TempDirectory("chorus-journal-", SqliteConnection.ClearAllPools);
        await using SimulatorServer server = await SimulatorServer.StartAsync(Fast());
        using OpenAICompatibleChatClient client = Client(server);

        RunResult<VoteResult> first;
        using (var journal = new SqliteBranchJournal(folder.File("runs.db")))
        {
            first = await new PlanRunner(new PlanRunnerOptions { Journal = journal }).RunAsync(Vote(client, 20));
        }

        long afterFirst = server.GetStats().Requests;
        using var reopened = new SqliteBranchJournal(folder.File("runs.db"));
        RunResult<VoteResult> second = await new PlanRunner(new PlanRunnerOptions { Journal = reopened }).RunAsync(Vote(client, 20));

        // Replays land at once and in order, so the adaptive vote may settle on fewer samples than the first run counted;
        // every sample it does count is the first run's answer for that very sample.
        Assert.Equal(afterFirst, server.GetStats().Requests);
        Assert.Equal(first.Value.Answer, second.Value.Answer);
        Assert.All(second.Outcomes.Where(o => o.Succeeded), o => Assert.Equal(first.Outcomes[o.Index].Text, o.Text));
        Assert.All(second.Outcomes.Where(o => o.Succeeded), o => Assert.Equal(ReplaySource.Journal, o.ReplayedFrom));
        Assert.Equal(second.Outcomes.Count(o => o.Succeeded), second.Report.Replayed);
        Assert.True(second.Report.Replayed >= 3);
        Assert.Equal(0, second.Report.TotalTokens);
        Assert.True(second.Report.SavedTokens > 0);
    }

    [Fact]
    public async Task RunAsync_CacheModeAcrossRunsWithOtherSamples_ServesDeterministicRequestsWithoutCalling()
    {
        using var folder = new TempDirectory("chorus-journal-", SqliteConnection.ClearAllPools);
        await using SimulatorServer server = await SimulatorServer.StartAsync(Fast());
        using OpenAICompatibleChatClient client = Client(server);
        using var journal = new SqliteBranchJournal(folder.File("runs.db"));
        var runner = new PlanRunner(new PlanRunnerOptions { Journal = journal, CacheDeterministic = true });
        var zero = new ChatOptions { Temperature = 0 };

        await runner.RunAsync(Vote(client, 1, zero, label: "warm"));
        var sections = new Plan<SectionedText>("cached", [.. Enumerable.Range(1, 5).Select(i => new Branch($"s-{i}", client, "What is 17 + 25?", zero))], Aggregators.Concat());
        RunResult<SectionedText> cached = await runner.RunAsync(sections);

        Assert.Equal(1, server.GetStats().Requests);
        Assert.Equal(5, cached.Report.CacheHits);
        Assert.Equal(0, cached.Report.Replayed);
        Assert.True(cached.Report.SavedTokens > 0);
    }

    [Fact]
    public async Task RunAsync_OnTheSimulator_EstimateIsWithinTenPercentOfWhatWasSpent()
    {
        await using SimulatorServer server = await SimulatorServer.StartAsync(Fast());
        using OpenAICompatibleChatClient client = Client(server);
        var options = new ChatOptions { MaxOutputTokens = 80 };

        // Open-ended prompts of different lengths: the simulator writes until max_tokens, as a verbose model does.
        Branch[] branches = [.. Enumerable.Range(0, 12).Select(i => new Branch(
            $"b{i}", client, $"Write a short note about topic {i}. " + string.Concat(Enumerable.Repeat("Context sentence. ", i)), options))];
        var plan = new Plan<JudgeResult>("estimate", branches, Aggregators.Judge(client, new JudgeOptions { Task = "Write a short note.", Seed = 1 }));
        RunEstimate estimate = PlanEstimator.Estimate(plan, expectedOutputTokens: 40);

        RunResult<JudgeResult> result = await new PlanRunner(new PlanRunnerOptions { ExpectedOutputTokens = 40 }).RunAsync(plan);

        EstimateReport report = result.Report.Estimate!;
        output.WriteLine($"estimated {report.TotalTokens} tokens ({report.InputTokens} in, {report.OutputTokens} out) over {report.Calls} calls; spent {result.Report.TotalTokens} ({result.Report.InputTokens} in, {result.Report.OutputTokens} out); error {report.Error:P1}");
        Assert.Equal(13, report.Calls);
        Assert.Equal(estimate.TotalTokens, report.TotalTokens);
        Assert.Equal(result.Report.TotalTokens, report.ActualTokens);
        Assert.InRange(report.Error!.Value, -0.10, 0.10);
    }
}
