using Chorus.Journal.CrashHost;
using Chorus.Simulator;
using Xunit.Abstractions;

namespace Chorus.Journal.Sqlite.Tests.Integration;

public class CrashResumeTests(ITestOutputHelper output)
{
    private const int Branches = 50;
    private const int Concurrency = 4;
    private const string Prefix = "Crash";

    // Latency makes the 50 branches take long enough (13 rounds of ~150 ms) to be killed mid-run; jitter 0 keeps it steady.
    private static SimulatorOptions Options() => new() { LatencyMs = 120, MsPerToken = 1, LatencyJitter = 0 };

    [Fact]
    public async Task Run_KilledWithSigkillMidRunThenRerun_PaysOnlyForUnfinishedBranchesAndMatchesAnUninterruptedRun()
    {
        using var folder = new TempDirectory("chorus-journal-", SqliteConnection.ClearAllPools);
        string journal = folder.File("runs.db");
        await using SimulatorServer server = await SimulatorServer.StartAsync(Options());

        // 1. Start the run in a child process and kill it once 20 branches are journaled: a condition, not a timer.
        using (var first = CrashHostProcess.Start(server.BaseUri, journal, Branches, Concurrency, Prefix))
        {
            await first.WhenRecorded(20).WaitAsync(TimeSpan.FromSeconds(60));
            await first.KillAsync();
        }

        HashSet<string> finished = JournalLabels.Read(journal);
        SimulatorStats atCrash = server.GetStats();
        Assert.InRange(finished.Count, 20, Branches - 1);
        output.WriteLine($"killed with {finished.Count} branches journaled and {atCrash.Requests} requests sent ({atCrash.Requests - finished.Count} in flight or unrecorded)");

        // 2. Run it again to the end with the same journal.
        JsonResult resumed;
        using (var second = CrashHostProcess.Start(server.BaseUri, journal, Branches, Concurrency, Prefix))
        {
            resumed = new JsonResult(await second.ResultAsync());
        }

        SimulatorStats after = server.GetStats();

        // The re-run paid for exactly one call per unfinished branch (its own report). The simulator's totals can't say
        // this exactly: a request the killed process sent just before dying may reach the server after atCrash was read.
        Assert.Equal(Branches - finished.Count, resumed.Attempts);
        Assert.InRange(after.Requests - atCrash.Requests, Branches - finished.Count, Branches - finished.Count + Concurrency);
        Assert.Equal(finished.Count, resumed.Replayed);
        for (int i = 0; i < Branches; i++)
        {
            string question = CrashPlan.Question(Prefix, i);
            long requests = after.QuestionRequests.GetValueOrDefault(question);
            if (finished.Contains(CrashPlan.Label(i)))
            {
                Assert.True(requests == 1, $"{CrashPlan.Label(i)} finished before the crash but was requested {requests} times.");
            }
            else
            {
                // Sent once by the re-run, plus once more if it was in flight when the first run was killed.
                Assert.InRange(requests, 1, 2);
            }
        }

        // 3. The same plan, uninterrupted, on a fresh simulator with the same seed and a fresh journal, joins to the same text.
        await using SimulatorServer fresh = await SimulatorServer.StartAsync(Options());
        using var clean = CrashHostProcess.Start(fresh.BaseUri, folder.File("clean.db"), Branches, Concurrency, Prefix);
        var uninterrupted = new JsonResult(await clean.ResultAsync());

        Assert.Equal(0, uninterrupted.Replayed);
        Assert.Equal(Branches, fresh.GetStats().Requests);
        Assert.Equal(uninterrupted.Text, resumed.Text);
        Assert.Equal(uninterrupted.TotalTokens, resumed.TotalTokens + resumed.SavedTokens);
    }

    [Fact]
    public async Task Run_TwoProcessesShareOneJournal_BothFinishAndEveryBranchIsKept()
    {
        using var folder = new TempDirectory("chorus-journal-", SqliteConnection.ClearAllPools);
        string journal = folder.File("shared.db");
        await using SimulatorServer server = await SimulatorServer.StartAsync(new SimulatorOptions { LatencyMs = 5, MsPerToken = 0, LatencyJitter = 0 });

        using var a = CrashHostProcess.Start(server.BaseUri, journal, 30, 4, "Alpha");
        using var b = CrashHostProcess.Start(server.BaseUri, journal, 30, 4, "Beta");
        JsonResult resultA = new(await a.ResultAsync());
        JsonResult resultB = new(await b.ResultAsync());

        Assert.Equal(0, resultA.Replayed + resultB.Replayed);
        Assert.Equal(60, server.GetStats().Requests);
        using var check = new SqliteBranchJournal(journal);
        Assert.Equal(60, check.Count());
        Assert.Equal(30, a.Recorded.Count);
        Assert.Equal(30, b.Recorded.Count);
    }

    private sealed record JsonResult(string Text, int Replayed, long SavedTokens, long TotalTokens, int Attempts)
    {
        public JsonResult(System.Text.Json.JsonElement json)
            : this(json.GetProperty("text").GetString()!, json.GetProperty("replayed").GetInt32(), json.GetProperty("saved_tokens").GetInt64(),
                json.GetProperty("total_tokens").GetInt64(), json.GetProperty("attempts").GetInt32())
        {
        }
    }
}
