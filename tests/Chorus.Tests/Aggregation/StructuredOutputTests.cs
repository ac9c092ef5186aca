using Chorus.Tests.Aggregation;
using Chorus.Aggregation;

namespace Chorus.Tests.Aggregation;

public class StructuredOutputTests
{
    [Fact]
    public void TryRead_FencedJsonWithProse_ReadsValue()
    {
        bool read = StructuredOutput.TryRead("Here you go:\n```json\n{\"days\": 2,}\n```", MergeTestJsonContext.Default.Trip, out Trip? trip, out string? error);
        Assert.True(read, error);
        Assert.Equal(2, trip!.Days);
        Assert.Null(error);
    }

    [Theory]
    [InlineData("no json", "the reply holds no JSON object")]
    [InlineData("{\"days\":\"x\"}", "the reply's JSON does not match Trip:")]
    public void TryRead_Unreadable_ExplainsWhy(string reply, string expected)
    {
        Assert.False(StructuredOutput.TryRead(reply, MergeTestJsonContext.Default.Trip, out _, out string? error));
        Assert.StartsWith(expected, error);
    }

    [Fact]
    public void SchemaFor_NestedObjects_AreStrict()
    {
        System.Text.Json.JsonElement schema = StructuredOutput.SchemaFor(MergeTestJsonContext.Default.Trip);

        System.Text.Json.JsonElement hotel = schema.GetProperty("properties").GetProperty("hotel");
        Assert.Contains(hotel.EnumerateObject(), p => p.Name == "additionalProperties" || p.Name == "anyOf" || p.Name == "type");
        Assert.Contains("\"additionalProperties\":false", hotel.GetRawText().Replace(" ", string.Empty, StringComparison.Ordinal));
    }
}
