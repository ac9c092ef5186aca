using Chorus.Scheduling;

namespace Chorus.Tests.Scheduling;

public class ConcurrencyWindowTests
{
    [Fact]
    public void OnCongestion_HalvesTheWindow_NeverBelowOne()
    {
        var window = new ConcurrencyWindow(max: 16, initial: 16, decrease: 0.5);
        window.OnCongestion();
        Assert.Equal(8, window.Limit);
        window.OnCongestion();
        window.OnCongestion();
        window.OnCongestion();
        Assert.Equal(1, window.Limit);
        window.OnCongestion();
        Assert.Equal(1, window.Limit);
    }

    [Fact]
    public void OnSuccess_AfterCongestion_GrowsByOnePerWindowOfSuccesses()
    {
        var window = new ConcurrencyWindow(max: 16, initial: 16, decrease: 0.5);
        window.OnCongestion();          // 8, threshold 8: additive from here
        for (int i = 0; i < 7; i++)
        {
            window.OnSuccess();
        }

        Assert.Equal(8, window.Limit);
        window.OnSuccess();
        Assert.Equal(9, window.Limit);
        for (int i = 0; i < 9; i++)
        {
            window.OnSuccess();
        }

        Assert.Equal(10, window.Limit);
    }

    [Fact]
    public void OnSuccess_SlowStart_AddsOnePerSuccessUpToTheMax()
    {
        var window = new ConcurrencyWindow(max: 4, initial: 1, decrease: 0.5);
        window.OnSuccess();
        Assert.Equal(2, window.Limit);
        window.OnSuccess();
        window.OnSuccess();
        window.OnSuccess();
        Assert.Equal(4, window.Limit);
        Assert.Equal(4, window.SlowStartThreshold);
    }

    [Fact]
    public void Open_AfterCongestion_GoesToTheMax()
    {
        var window = new ConcurrencyWindow(max: 32, initial: 1, decrease: 0.5);
        window.OnCongestion();
        window.Open();
        Assert.Equal(32, window.Limit);
    }
}
