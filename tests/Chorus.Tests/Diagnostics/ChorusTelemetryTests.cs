using System.Diagnostics;
using System.Diagnostics.Metrics;
using Chorus.Tests.Running;
using Chorus.Diagnostics;

namespace Chorus.Tests.Diagnostics;

// Listeners are process-wide: keep these tests out of parallel collections that also create activities.
[Collection(nameof(ChorusTelemetryTests))]
public class ChorusTelemetryTests
{
    [Fact]
    public async Task RunAsync_WithAListener_EmitsRunBranchAndGenAiChatSpans()
    {
        var activities = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ChorusTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (activities) { activities.Add(a); } },
        };
        ActivitySource.AddActivityListener(listener);
        string scenario = $"telemetry-{Guid.NewGuid():N}";
        var client = new ScriptedChatClient((_, _, _) => Task.FromResult(ScriptedChatClient.Reply("ok", 11, 3, "model-x")));

        await PlanRunner.Default.RunAsync(new Plan<string>(scenario, [new Branch("a", client, "q"), new Branch("b", client, "q")], new RecordingAggregator()));

        // The listener is process-wide: tests in other collections keep adding their activities, so read a snapshot.
        Activity[] seen;
        lock (activities)
        {
            seen = [.. activities];
        }

        Activity run = Assert.Single(seen, a => a.OperationName == "chorus.run" && (string?)a.GetTagItem("chorus.run.name") == scenario);
        Activity[] branches = [.. seen.Where(a => a.OperationName == "chorus.branch" && a.ParentSpanId == run.SpanId)];
        Assert.Equal(2, branches.Length);
        Assert.All(branches, b => Assert.Equal("succeeded", b.GetTagItem("chorus.branch.status")));
        Activity chat = Assert.Single(seen, a => a.ParentSpanId == branches[0].SpanId);
        Assert.Equal("chat scripted", chat.DisplayName);
        Assert.Equal(ActivityKind.Client, chat.Kind);
        Assert.Equal("chat", chat.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("scripted", chat.GetTagItem("gen_ai.request.model"));
        Assert.Equal("model-x", chat.GetTagItem("gen_ai.response.model"));
        Assert.Equal(11L, chat.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(3L, chat.GetTagItem("gen_ai.usage.output_tokens"));
        Assert.Equal(2, run.GetTagItem("chorus.run.branches"));
    }

    [Fact]
    public async Task RunAsync_WithAMeterListener_RecordsTokenUsageByType()
    {
        var recorded = new List<(string Instrument, long Value, string? TokenType)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == ChorusTelemetry.Name)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? type = null;
            string? model = null;
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                type = tag.Key == "gen_ai.token.type" ? (string?)tag.Value : type;
                model = tag.Key == "gen_ai.request.model" ? (string?)tag.Value : model;
            }

            if (model == "metered-model")
            {
                lock (recorded)
                {
                    recorded.Add((instrument.Name, value, type));
                }
            }
        });
        listener.Start();
        var client = new ScriptedChatClient((_, _, _) => Task.FromResult(ScriptedChatClient.Reply("ok", 21, 4, "metered-model"))) { ModelId = "metered-model" };

        await PlanRunner.Default.RunAsync(new Plan<string>("metrics", [new Branch("a", client, "q")], new RecordingAggregator()));

        lock (recorded)
        {
            Assert.Contains(("gen_ai.client.token.usage", 21L, "input"), recorded);
            Assert.Contains(("gen_ai.client.token.usage", 4L, "output"), recorded);
        }
    }
}
