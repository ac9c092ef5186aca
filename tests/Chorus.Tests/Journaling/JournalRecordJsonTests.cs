using System.Text.Json;
using Microsoft.Extensions.AI;
using Chorus.Journaling;

namespace Chorus.Tests.Journaling;

public class JournalRecordJsonTests
{
    [Fact]
    public void SerializeDeserialize_FullRecord_KeepsWhatAggregatorsRead()
    {
        var message = new ChatMessage(ChatRole.Assistant, [new TextReasoningContent("thinking"), new TextContent("42"), new FunctionCallContent("c1", "lookup", new Dictionary<string, object?> { ["q"] = "x" })])
        {
            AuthorName = "bot",
            MessageId = "m1",
            AdditionalProperties = new() { ["chorus.choice_index"] = 3, ["chorus.finish_reason"] = ChatFinishReason.Length, ["note"] = "hi", ["complex"] = new object() },
        };
        var record = new JournalRecord
        {
            Fingerprint = "f",
            CacheKey = "c",
            Label = "sample-2",
            Stage = "judge",
            Index = 1,
            Response = new ChatResponse(message)
            {
                ResponseId = "r1",
                ModelId = "sim-1",
                CreatedAt = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero),
                FinishReason = ChatFinishReason.Stop,
                Usage = new UsageDetails { InputTokenCount = 10, OutputTokenCount = 5, TotalTokenCount = 15 },
            },
            Usage = new UsageDetails { InputTokenCount = 20, OutputTokenCount = 10, TotalTokenCount = 30, AdditionalCounts = new() { ["chorus.estimated"] = 1 } },
            Model = "sim-1",
            UsedFallback = true,
            Duration = TimeSpan.FromMilliseconds(1234.5),
            RecordedAt = new DateTimeOffset(2025, 1, 2, 3, 4, 6, TimeSpan.Zero),
        };

        JournalRecord back = JournalRecordJson.Deserialize(JournalRecordJson.Serialize(record));

        Assert.Equal(("f", "c", "sample-2", "judge", 1, "sim-1", true), (back.Fingerprint, back.CacheKey, back.Label, back.Stage, back.Index, back.Model, back.UsedFallback));
        Assert.Equal(record.Duration, back.Duration);
        Assert.Equal(record.RecordedAt, back.RecordedAt);
        Assert.Equal((20L, 10L, 30L), (back.Usage!.InputTokenCount!.Value, back.Usage.OutputTokenCount!.Value, back.Usage.TotalTokenCount!.Value));
        Assert.Equal(1, back.Usage.AdditionalCounts!["chorus.estimated"]);
        Assert.Equal(("r1", "sim-1", record.Response.CreatedAt, ChatFinishReason.Stop), (back.Response.ResponseId, back.Response.ModelId, back.Response.CreatedAt, back.Response.FinishReason));
        Assert.Equal(15, back.Response.Usage!.TotalTokenCount);
        ChatMessage m = Assert.Single(back.Response.Messages);
        Assert.Equal((ChatRole.Assistant, "bot", "m1", "42"), (m.Role, m.AuthorName, m.MessageId, m.Text));
        Assert.Equal("thinking", Assert.IsType<TextReasoningContent>(m.Contents[0]).Text);
        FunctionCallContent call = Assert.IsType<FunctionCallContent>(m.Contents[2]);
        Assert.Equal(("c1", "lookup"), (call.CallId, call.Name));
        Assert.Equal(3, m.AdditionalProperties!["chorus.choice_index"]);
        Assert.Equal(ChatFinishReason.Length, m.AdditionalProperties["chorus.finish_reason"]);
        Assert.Equal("hi", m.AdditionalProperties["note"]);
        Assert.False(m.AdditionalProperties.ContainsKey("complex"));
    }

    [Fact]
    public void Deserialize_OtherVersion_ThrowsNamingBoth()
    {
        JsonException error = Assert.Throws<JsonException>(() => JournalRecordJson.Deserialize("{\"version\":2,\"fingerprint\":\"f\",\"label\":\"l\",\"response\":{\"messages\":[]}}"));

        Assert.Equal("The journal record has version 2; this version of Chorus reads version 1.", error.Message);
    }

    [Fact]
    public void Deserialize_MissingFields_Throws()
    {
        JsonException error = Assert.Throws<JsonException>(() => JournalRecordJson.Deserialize("{\"version\":1}"));

        Assert.Equal("The journal record lacks its fingerprint, label or response.", error.Message);
    }

    private static JournalRecord Simple(string answer) => new()
    {
        Fingerprint = "f",
        Label = "sample-1",
        Response = new ChatResponse(new ChatMessage(ChatRole.Assistant, answer)) { ModelId = "m" },
        Usage = new UsageDetails { InputTokenCount = 10, OutputTokenCount = 5 },
        Duration = TimeSpan.FromMilliseconds(12.25),
        RecordedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(1)),
    };

    [Fact]
    public void Serialize_Always_CarriesAChecksumThatDeserializeChecks()
    {
        string json = JournalRecordJson.Serialize(Simple("The answer is 390"));

        Assert.Matches("\"checksum\":\"[0-9a-f]{64}\"", json);
        Assert.Equal("The answer is 390", JournalRecordJson.Deserialize(json).Response.Text);
    }

    [Fact]
    public void Deserialize_EditedAnswer_ThrowsChecksumMismatch()
    {
        // Issue 12, item 8: an edited record must never replay a wrong answer.
        string json = JournalRecordJson.Serialize(Simple("The answer is 390")).Replace("is 390", "is 391", StringComparison.Ordinal);

        JsonException error = Assert.Throws<JsonException>(() => JournalRecordJson.Deserialize(json));

        Assert.StartsWith("The journal record for 'sample-1' fails its checksum", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_NoChecksum_Throws()
    {
        string json = System.Text.RegularExpressions.Regex.Replace(JournalRecordJson.Serialize(Simple("x")), ",\"checksum\":\"[0-9a-f]{64}\"", string.Empty);

        JsonException error = Assert.Throws<JsonException>(() => JournalRecordJson.Deserialize(json));

        Assert.Equal("The journal record for 'sample-1' has no checksum, so it cannot be trusted.", error.Message);
    }
}
