using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Chorus.OpenAI.Tests;

public class ChatSampleExtensionsTests
{
    [Fact]
    public void WithSampleCount_Options_ReturnsCloneAndLeavesOriginal()
    {
        var original = new ChatOptions { Temperature = 1f, AdditionalProperties = new() { ["other"] = "x" } };

        ChatOptions five = original.WithSampleCount(5);

        Assert.NotSame(original, five);
        Assert.Equal(5, five.GetSampleCount());
        Assert.Equal(1, original.GetSampleCount());
        Assert.False(original.AdditionalProperties.ContainsKey("n"));
        Assert.Equal("x", five.AdditionalProperties?["other"]);
        Assert.Equal(1f, five.Temperature);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void WithSampleCount_NotPositive_Throws(int count)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChatOptions().WithSampleCount(count));
    }

    [Fact]
    public void GetSampleCount_NullOrUnset_IsOne()
    {
        Assert.Equal(1, ((ChatOptions?)null).GetSampleCount());
        Assert.Equal(1, new ChatOptions().GetSampleCount());
    }

    [Fact]
    public void GetSampleCount_RawAdditionalProperty_Accepted()
    {
        Assert.Equal(3, new ChatOptions { AdditionalProperties = new() { ["n"] = 3L } }.GetSampleCount());
        Assert.Equal(4, new ChatOptions { AdditionalProperties = new() { ["n"] = JsonDocument.Parse("4").RootElement } }.GetSampleCount());
        Assert.Equal(2, new ChatOptions { AdditionalProperties = new() { ["n"] = "2" } }.GetSampleCount());
    }

    [Theory]
    [InlineData(0)]
    [InlineData("many")]
    [InlineData(1.5)]
    public void GetSampleCount_Invalid_ThrowsNamingKey(object value)
    {
        var ex = Assert.Throws<ArgumentException>(() => new ChatOptions { AdditionalProperties = new() { ["n"] = value } }.GetSampleCount());

        Assert.Contains("AdditionalProperties[\"n\"] must be a whole number of at least 1", ex.Message);
    }

    [Fact]
    public void GetSamples_UntaggedMessages_AssistantOnlyInOrder()
    {
        var response = new ChatResponse([new ChatMessage(ChatRole.Assistant, "a"), new ChatMessage(ChatRole.Tool, "t"), new ChatMessage(ChatRole.Assistant, "b")]);

        Assert.Equal(["a", "b"], response.GetSamples().Select(m => m.Text));
    }
}
