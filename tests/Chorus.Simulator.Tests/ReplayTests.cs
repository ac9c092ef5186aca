using System.Text.Json.Nodes;

namespace Chorus.Simulator.Tests;

public sealed class ReplayTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"chorus-replay-{Guid.NewGuid():N}.jsonl");

    public ReplayTests()
    {
        File.WriteAllLines(_path,
        [
            """{"id": "letters-0", "question": "Take the last letters of \"Ada Bo\".", "gold": "ao", "samples": ["The answer is ao.", "The answer is ab.", "The answer is oa."], "answers": ["ao", "ab", "oa"]}""",
            "",
            """{"id": "math-1", "question": "How many apples are left?", "gold": "20", "answer_counts": {"20": 1, "22": 1}, "answers": ["20", 22], "samples": null}""",
            """{"id": "math-2", "question": "How many apples are left in the big basket?", "gold": "7", "answers": ["7", null]}""",
        ]);
    }

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void Replay_KthRequest_GetsKthSampleOfSeededPermutation_ThenWraps()
    {
        SimulatedModel model = EngineHarness.Create(o => o.ReplayFile = _path);

        string[] served = [.. Enumerable.Range(0, 6).Select(_ => model.Ask("Q: Take the last letters of \"Ada Bo\".\nA:"))];

        Assert.Equal(["The answer is ab.", "The answer is ao.", "The answer is oa."], served[..3].Order());
        Assert.Equal(served[..3], served[3..]);
    }

    [Fact]
    public void Replay_SameSeed_SameOrder()
    {
        string[] Serve() => [.. Enumerable.Range(0, 3).Select(_ => EngineHarness.Create(o => o.ReplayFile = _path)).Select(m => m.Ask("letters-0"))];

        Assert.Equal(Serve(), Serve());
    }

    [Fact]
    public void Replay_AnswersOnly_ServeTheAnswerIsSentence()
    {
        SimulatedModel model = EngineHarness.Create(o => o.ReplayFile = _path);

        string[] served = [.. model.Plan(EngineHarness.Request("How many apples are left?", n: 2)).Choices.Select(c => c.Text)];

        Assert.Equal(["The answer is 20.", "The answer is 22."], served.Order());
    }

    [Fact]
    public void Replay_LongestContainedQuestionWins_AndNullAnswerIsServedAsUnsure()
    {
        SimulatedModel model = EngineHarness.Create(o => o.ReplayFile = _path);

        string[] served = [.. model.Plan(EngineHarness.Request("Q: How many apples are left in the big basket? Think step by step.", n: 2)).Choices.Select(c => c.Text)];

        Assert.Equal(["I could not work out the answer.", "The answer is 7."], served.Order());
    }

    [Fact]
    public void Replay_UnmatchedQuestion_FallsBackToTheModel()
    {
        SimulatedModel model = EngineHarness.Create(o => { o.ReplayFile = _path; o.Accuracy = 1; });

        Assert.EndsWith("The answer is 4.", model.Ask("What is 2 + 2?"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_OverHttp_CountsRequestsPerQuestionId()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o => o.ReplayFile = _path);

        JsonObject completion = await sim.CompleteAsync(SimulatorHarness.Request("How many apples are left?", b => b["n"] = 2));
        await sim.AskAsync("How many apples are left?");

        Assert.Equal(2, completion["choices"]!.AsArray().Count);
        Assert.Equal(2, sim.Server.GetStats().QuestionRequests["math-1"]);
    }

    [Fact]
    public async Task Replay_InvalidLine_FailsAtStartNamingTheLine()
    {
        File.AppendAllLines(_path, ["""{"id": "bad", "samples": ["x"]}"""]);

        InvalidDataException error = await Assert.ThrowsAsync<InvalidDataException>(() => SimulatorServer.StartAsync(new SimulatorOptions { ReplayFile = _path }));

        Assert.Contains("line 5 has no \"question\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_MissingFile_Throws() =>
        Assert.Throws<FileNotFoundException>(() => new SimulatedChatClient(new SimulatorOptions { ReplayFile = _path + ".missing" }));
}
