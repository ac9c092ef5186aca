using System.Text.Json;
using Chorus.Tests.Running;
using Chorus.Reporting;

namespace Chorus.Tests.Reporting;

public class RunReportJsonTests
{
    [Fact]
    public async Task Serialize_RunReport_UsesSnakeCaseAndRoundTrips()
    {
        var client = new ScriptedChatClient((_, _, _) => Task.FromResult(ScriptedChatClient.Reply("ok", 5, 2, "m")));
        RunResult<string> result = await PlanRunner.Default.RunAsync(new Plan<string>("json", [new Branch("a", client, "q")], new RecordingAggregator()));

        string json = RunReportJson.Serialize(result.Report);
        using JsonDocument doc = JsonDocument.Parse(json);
        JsonElement root = doc.RootElement;

        Assert.Equal("json", root.GetProperty("scenario").GetString());
        Assert.Equal(5, root.GetProperty("input_tokens").GetInt64());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("cost").ValueKind);     // no price: unknown, not 0
        Assert.Equal("a", root.GetProperty("branches")[0].GetProperty("label").GetString());
        Assert.Equal(1, root.GetProperty("branches")[0].GetProperty("attempts").GetInt32());
        Assert.Equal("recording", root.GetProperty("decision").GetProperty("strategy").GetString());
        Assert.True(root.GetProperty("timeline").GetArrayLength() > 0);

        RunReport back = RunReportJson.Deserialize(json);
        Assert.Equal(result.Report.Scenario, back.Scenario);
        Assert.Equal(result.Report.TotalTokens, back.TotalTokens);
        Assert.Equal(result.Report.Branches[0].AttemptLog, back.Branches[0].AttemptLog);
        Assert.Equal(result.Report.Decision!.Summary, back.Decision!.Summary);
    }

    [Fact]
    public void Deserialize_NotAReport_Throws()
    {
        Assert.Throws<JsonException>(() => RunReportJson.Deserialize("null"));
        Assert.Throws<JsonException>(() => RunReportJson.Deserialize("{ not json"));
    }
}
