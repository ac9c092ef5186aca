using Chorus.Scheduling;

namespace Chorus.Tests.Scheduling;

public class FairQueueTests
{
    private static List<string> Drain(FairQueue<string> queue)
    {
        var order = new List<string>();
        while (queue.TryPeek(out FairQueue<string>.Entry? head))
        {
            order.Add(head!.Item);
            queue.DequeueHead(head);
        }

        return order;
    }

    [Fact]
    public void DequeueHead_TwoRuns_TakeTurns()
    {
        var queue = new FairQueue<string>();
        object runA = new(), runB = new();
        foreach (string item in new[] { "a1", "a2", "a3", "a4" })
        {
            queue.Enqueue(item, 1, runA);
        }

        queue.Enqueue("b1", 1, runB);
        queue.Enqueue("b2", 1, runB);

        Assert.Equal(["a1", "b1", "a2", "b2", "a3", "a4"], Drain(queue));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void DequeueHead_SecondStageLane_GoesBeforeNewSamples()
    {
        var queue = new FairQueue<string>();
        object runA = new(), runB = new();
        queue.Enqueue("a-sample1", 1, runA);
        queue.Enqueue("a-sample2", 1, runA);
        queue.Enqueue("b-judge", 0, runB);

        Assert.Equal(["b-judge", "a-sample1", "a-sample2"], Drain(queue));
    }

    [Fact]
    public void Remove_QueuedEntry_LeavesTheRestInOrder_AndIsIdempotent()
    {
        var queue = new FairQueue<string>();
        object run = new();
        queue.Enqueue("x", 1, run);
        FairQueue<string>.Entry y = queue.Enqueue("y", 1, run);
        queue.Enqueue("z", 1, run);

        Assert.True(queue.Remove(y));
        Assert.False(queue.Remove(y));
        Assert.False(y.IsQueued);
        Assert.Equal(["x", "z"], Drain(queue));
    }

    [Fact]
    public void Enqueue_LaneOutOfRange_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new FairQueue<string>().Enqueue("x", 2, new object()));
}
