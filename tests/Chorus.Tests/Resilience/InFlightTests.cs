using Chorus.Running;

namespace Chorus.Tests.Resilience;

public class InFlightTests
{
    private static AttemptRecord Attempt(int startMs, int endMs) =>
        new(1, AttemptKind.Call, TimeSpan.FromMilliseconds(startMs), TimeSpan.FromMilliseconds(endMs), AttemptStatus.Ok);

    [Fact]
    public void InFlight_OverlappingAndSeparateAttempts_CountsCoveredTimeOnce()
    {
        // A call 0-1000, a hedge 600-1400 overlapping it, then a retry 2000-2500 after a back-off.
        AttemptRecord[] attempts = [Attempt(2000, 2500), Attempt(0, 1000), Attempt(600, 1400), Attempt(700, 900)];
        Assert.Equal(TimeSpan.FromMilliseconds(1900), ReportBuilder.InFlight(attempts));
        Assert.Equal(TimeSpan.Zero, ReportBuilder.InFlight([]));
    }
}
