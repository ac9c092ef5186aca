namespace Chorus.Simulator.Tests;

public sealed class SimulatorOptionsTests
{
    [Fact]
    public void Defaults_ArePinned()
    {
        var options = new SimulatorOptions();

        Assert.Equal(42, options.Seed);
        Assert.Equal("chorus-sim-1", options.Model);
        Assert.Null(options.RequestsPerMinute);
        Assert.Null(options.TokensPerMinute);
        Assert.Equal(1, options.BurstSeconds);
        Assert.Equal(250, options.LatencyMs);
        Assert.Equal(10, options.MsPerToken);
        Assert.Equal(0.3, options.LatencyJitter);
        Assert.Equal(0.6, options.Accuracy);
        Assert.Equal(0.8, options.JudgeAccuracy);
        Assert.Equal(0, options.Fault5xxRate + options.FaultHangRate + options.FaultResetRate + options.FaultMalformedRate
            + options.FaultTruncatedStreamRate + options.FaultMissingUsageRate + options.FaultEmptyChoicesRate);
        Assert.Null(options.ReplayFile);
        Assert.Null(options.TimeProvider);
        Assert.Equal([0.5, 0.3, 0.2], SimulatedAccuracy.DefaultDistractorShares);
    }

    [Theory]
    [InlineData(nameof(SimulatorOptions.Accuracy), 1.5, "Accuracy must be in [0, 1], was 1.5.")]
    [InlineData(nameof(SimulatorOptions.JudgeAccuracy), -0.1, "JudgeAccuracy must be in [0, 1], was -0.1.")]
    [InlineData(nameof(SimulatorOptions.Fault5xxRate), 2.0, "Fault5xxRate must be in [0, 1], was 2.")]
    [InlineData(nameof(SimulatorOptions.FaultHangRate), double.NaN, "FaultHangRate must be in [0, 1], was NaN.")]
    [InlineData(nameof(SimulatorOptions.LatencyMs), -1.0, "LatencyMs must be a finite number, zero or more, was -1.")]
    [InlineData(nameof(SimulatorOptions.MsPerToken), double.PositiveInfinity, "MsPerToken must be a finite number, zero or more, was Infinity.")]
    public void Setters_RejectOutOfRange_WithMessageNamingTheOption(string property, double value, string message)
    {
        var options = new SimulatorOptions();

        var error = Assert.Throws<System.Reflection.TargetInvocationException>(() => typeof(SimulatorOptions).GetProperty(property)!.SetValue(options, value));

        ArgumentOutOfRangeException inner = Assert.IsType<ArgumentOutOfRangeException>(error.InnerException);
        Assert.StartsWith(message, inner.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Setters_RejectInvalidLimits()
    {
        var options = new SimulatorOptions();

        Assert.Throws<ArgumentOutOfRangeException>(() => options.RequestsPerMinute = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.TokensPerMinute = -5);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.BurstSeconds = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.BurstSeconds = 61);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.LatencyJitter = 3.5);
        Assert.Throws<ArgumentException>(() => options.Model = " ");
        options.RequestsPerMinute = null;
        Assert.Null(options.RequestsPerMinute);
    }

    [Fact]
    public async Task StartAsync_CopiesOptions_LaterChangesHaveNoEffect()
    {
        SimulatorOptions options = SimulatorHarness.FastOptions(o => o.Accuracy = 1);
        await using SimulatorServer server = await SimulatorServer.StartAsync(options);
        options.Accuracy = 0;
        options.Fault5xxRate = 1;
        using var http = new HttpClient { BaseAddress = server.BaseUri };

        using HttpResponseMessage response = await http.PostAsync("chat/completions", new StringContent(SimulatorHarness.Request("What is 2 + 2?").ToJsonString()));

        Assert.Contains("The answer is 4.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void Tokenizer_IsCeilOfCharsOverFour()
    {
        Assert.Equal(0, SimulatedTokenizer.Count(""));
        Assert.Equal(0, SimulatedTokenizer.Count(null));
        Assert.Equal(1, SimulatedTokenizer.Count("abcd"));
        Assert.Equal(2, SimulatedTokenizer.Count("abcde"));
        Assert.Equal((1 + 4) + (2 + 4), SimulatedTokenizer.CountPrompt(["abcd", "abcdefgh"]));
        Assert.Equal("abcdefgh", SimulatedTokenizer.Truncate("abcdefghij", 2));
    }
}
