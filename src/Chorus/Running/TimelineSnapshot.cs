using System.Collections;
using Chorus.Reporting;

namespace Chorus.Running;

/// <summary>The first <c>count</c> events of a run's append-only timeline, read without copying them.</summary>
/// <remarks>The session only appends; a run builds one report, so the in-place sort happens before its only snapshot is taken.</remarks>
internal sealed class TimelineSnapshot(List<TimelineEvent> events, int count) : IReadOnlyList<TimelineEvent>
{
    public int Count => count;

    public TimelineEvent this[int index] => (uint)index < (uint)count ? events[index] : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<TimelineEvent> GetEnumerator()
    {
        for (int i = 0; i < count; i++)
        {
            yield return events[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
