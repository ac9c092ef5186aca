namespace Chorus.Scheduling;

/// <summary>
/// The waiting line of an <see cref="EndpointScheduler"/>: strict priority between lanes, and round robin between flows (runs)
/// within a lane, first in first out within a flow. Not thread-safe: the scheduler calls it under its lock.
/// </summary>
/// <typeparam name="T">The waiting item.</typeparam>
/// <remarks>
/// Round robin across runs means a run that queued 200 calls cannot starve one that queued 10 a moment later: they alternate.
/// Lane 0 goes first (second-stage calls that unblock a finished run), then lane 1 (new samples).
/// </remarks>
internal sealed class FairQueue<T>
    where T : class
{
    public const int Lanes = 2;

    private readonly LinkedList<Flow>[] _rotation = [new(), new()];
    private readonly Dictionary<object, Flow>[] _flows = [new(), new()];

    public int Count { get; private set; }

    public Entry Enqueue(T item, int lane, object flowKey)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lane);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(lane, Lanes);
        if (!_flows[lane].TryGetValue(flowKey, out Flow? flow))
        {
            flow = new Flow(flowKey);
            flow.Node = _rotation[lane].AddLast(flow);
            _flows[lane][flowKey] = flow;
        }

        var entry = new Entry(item, lane, flow);
        entry.Node = flow.Items.AddLast(entry);
        Count++;
        return entry;
    }

    public bool TryPeek(out Entry? entry)
    {
        for (int lane = 0; lane < Lanes; lane++)
        {
            if (_rotation[lane].First is { } first)
            {
                entry = first.Value.Items.First!.Value;
                return true;
            }
        }

        entry = null;
        return false;
    }

    /// <summary>Removes the head (as returned by <see cref="TryPeek"/>) and sends its flow to the back of its lane.</summary>
    public void DequeueHead(Entry head)
    {
        Remove(head);
        Flow flow = head.Flow;
        if (flow.Items.Count > 0 && flow.Node is { } node && node.List is not null)
        {
            _rotation[head.Lane].Remove(node);
            _rotation[head.Lane].AddLast(node);
        }
    }

    /// <summary>Removes an entry wherever it is; <see langword="false"/> when it was already removed.</summary>
    public bool Remove(Entry entry)
    {
        if (entry.Node is not { List: not null } node)
        {
            return false;
        }

        Flow flow = entry.Flow;
        flow.Items.Remove(node);
        entry.Node = null;
        Count--;
        if (flow.Items.Count == 0)
        {
            _rotation[entry.Lane].Remove(flow.Node!);
            _flows[entry.Lane].Remove(flow.Key);
        }

        return true;
    }

    /// <summary>A queued item and where it sits.</summary>
    internal sealed class Entry(T item, int lane, Flow flow)
    {
        public T Item { get; } = item;

        public int Lane { get; } = lane;

        public Flow Flow { get; } = flow;

        public LinkedListNode<Entry>? Node { get; set; }

        public bool IsQueued => Node?.List is not null;
    }

    /// <summary>One run's items in one lane.</summary>
    internal sealed class Flow(object key)
    {
        public object Key { get; } = key;

        public LinkedList<Entry> Items { get; } = new();

        public LinkedListNode<Flow>? Node { get; set; }
    }
}
