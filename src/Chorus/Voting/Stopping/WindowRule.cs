using System.Globalization;

namespace Chorus.Voting;

/// <summary>Early-Stopping Self-Consistency (Li et al. 2024): stop when a window of samples all give the same answer.</summary>
/// <remarks>
/// Windows are consecutive groups of <c>size</c> samples in landing order (samples 1–5, 6–10, … for size 5), as in the paper,
/// or, when sliding, the latest <c>size</c> samples after each one. An abstention in a window breaks its agreement.
/// </remarks>
internal sealed class WindowRule(int size, bool sliding) : IStoppingRule
{
    public string Name { get; } = (sliding ? "sliding-window(" : "window(") + size.ToString(CultureInfo.InvariantCulture) + ")";

    public StoppingCheck Check(VoteSnapshot snapshot)
    {
        IReadOnlyList<string?> history = snapshot.History;
        int n = history.Count;
        bool due = n >= size && (sliding || n % size == 0);
        bool stop = due && Agrees(history, n - size, n);
        return new StoppingCheck(stop, snapshot.LeaderShare);
    }

    private static bool Agrees(IReadOnlyList<string?> history, int from, int to)
    {
        string? first = history[from];
        if (first is null)
        {
            return false;
        }

        for (int i = from + 1; i < to; i++)
        {
            if (!string.Equals(history[i], first, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
