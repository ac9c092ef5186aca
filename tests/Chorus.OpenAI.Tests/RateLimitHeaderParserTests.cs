using Chorus.Providers;

namespace Chorus.OpenAI.Tests;

public class RateLimitHeaderParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("6m0s", 360_000)]
    [InlineData("1s", 1000)]
    [InlineData("120ms", 120)]
    [InlineData("0.5s", 500)]
    [InlineData("7.66s", 7660)]
    [InlineData("1h2m3s", 3_723_000)]
    [InlineData("2m30.5s", 150_500)]
    [InlineData("17ms", 17)]
    [InlineData("0s", 0)]
    [InlineData("250us", 0.25)]
    [InlineData("12", 12_000)]
    [InlineData("0.25", 250)]
    [InlineData(" 3s ", 3000)]
    public void ParseDuration_OpenAIFormat_ReturnsExactDuration(string value, double expectedMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), RateLimitHeaderParser.ParseDuration(value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("5x")]
    [InlineData("s")]
    [InlineData("-1s")]
    [InlineData("1.2.3s")]
    [InlineData("3s5")]
    public void ParseDuration_Unparseable_ReturnsNull(string? value)
    {
        Assert.Null(RateLimitHeaderParser.ParseDuration(value));
    }

    [Theory]
    [InlineData("10000", 10000L)]
    [InlineData(" 59 ", 59L)]
    [InlineData("0", 0L)]
    [InlineData("-5", null)]
    [InlineData("1.5", null)]
    [InlineData("lots", null)]
    [InlineData(null, null)]
    public void ParseCount_Values_ParsedOrNull(string? value, long? expected)
    {
        Assert.Equal(expected, RateLimitHeaderParser.ParseCount(value));
    }

    [Theory]
    [InlineData("20", 20_000)]
    [InlineData("0", 0)]
    [InlineData("1.5", 1500)]
    [InlineData("Thu, 01 Jan 2026 12:00:30 GMT", 30_000)]
    [InlineData("Thu, 01 Jan 2026 11:59:00 GMT", 0)]
    public void ParseRetryAfter_SecondsOrHttpDate_RelativeToNow(string value, double expectedMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), RateLimitHeaderParser.ParseRetryAfter(value, Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("later")]
    [InlineData("-3")]
    public void ParseRetryAfter_Unparseable_ReturnsNull(string? value)
    {
        Assert.Null(RateLimitHeaderParser.ParseRetryAfter(value, Now));
    }

    [Fact]
    public void Parse_AllHeaders_MapsEveryField()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["x-ratelimit-limit-requests"] = "60",
            ["x-ratelimit-remaining-requests"] = "59",
            ["x-ratelimit-reset-requests"] = "1s",
            ["x-ratelimit-limit-tokens"] = "150000",
            ["x-ratelimit-remaining-tokens"] = "149984",
            ["x-ratelimit-reset-tokens"] = "6m0s",
            ["retry-after"] = "2",
        };

        RateLimitSignals signals = RateLimitHeaderParser.Parse(name => headers.GetValueOrDefault(name), Now);

        Assert.Equal(
            new RateLimitSignals(60, 59, TimeSpan.FromSeconds(1), 150000, 149984, TimeSpan.FromMinutes(6), TimeSpan.FromSeconds(2)),
            signals);
    }

    [Fact]
    public void Parse_RetryAfterMsAndRetryAfter_MillisecondsWin()
    {
        var headers = new Dictionary<string, string> { ["retry-after"] = "2", ["retry-after-ms"] = "1500" };

        RateLimitSignals signals = RateLimitHeaderParser.Parse(name => headers.GetValueOrDefault(name), Now);

        Assert.Equal(TimeSpan.FromMilliseconds(1500), signals.RetryAfter);
    }

    [Fact]
    public void Parse_BadRetryAfterMs_FallsBackToRetryAfter()
    {
        var headers = new Dictionary<string, string> { ["retry-after"] = "2", ["retry-after-ms"] = "abc" };

        Assert.Equal(TimeSpan.FromSeconds(2), RateLimitHeaderParser.Parse(name => headers.GetValueOrDefault(name), Now).RetryAfter);
    }

    [Fact]
    public void Parse_NoHeaders_ReturnsEmpty()
    {
        RateLimitSignals signals = RateLimitHeaderParser.Parse(_ => null, Now);

        Assert.Same(RateLimitSignals.Empty, signals);
        Assert.True(signals.IsEmpty);
    }

    [Fact]
    public void Parse_OnlyGarbage_ReturnsEmptyNotThrow()
    {
        RateLimitSignals signals = RateLimitHeaderParser.Parse(_ => "garbage", Now);

        Assert.True(signals.IsEmpty);
    }
}
