namespace Chorus.Benchmarks.Juries;

/// <summary>Scoring of recorded pairwise judgments: ties count ½ (the expected accuracy of breaking them by a coin flip).</summary>
internal static class JuryScoring
{
    /// <summary>1 when the verdict matches the gold label, 0 when it does not, ½ for a tie or a missing verdict.</summary>
    public static double Credit(int? verdict, int label) => verdict is null ? 0.5 : verdict == label ? 1 : 0;

    /// <summary>The judge's verdict with position-bias control: both orders agreeing give that winner; otherwise a tie (null).</summary>
    public static int? BothOrders(Judgment j) => j.NoSwap is { } a && j.Swap == a ? a : null;

    /// <summary>One judge's credit on one item: the mean over its two orders, or its both-orders verdict.</summary>
    public static double JudgeCredit(Judgment j, bool bothOrders) =>
        bothOrders ? Credit(BothOrders(j), j.Label) : (Credit(j.NoSwap, j.Label) + Credit(j.Swap, j.Label)) / 2;

    /// <summary>A weighted vote over 1 and 2; equal weight is a tie (null).</summary>
    public static int? Vote(IEnumerable<(int? Verdict, double Weight)> votes)
    {
        double one = 0, two = 0;
        foreach ((int? verdict, double weight) in votes)
        {
            if (verdict == 1)
            {
                one += weight;
            }
            else if (verdict == 2)
            {
                two += weight;
            }
        }

        return Math.Abs(one - two) < 1e-12 ? null : one > two ? 1 : 2;
    }

    /// <summary>The votes a judge casts: its two single-order verdicts, or its one both-orders verdict.</summary>
    public static IEnumerable<int?> Votes(Judgment j, bool bothOrders) => bothOrders ? [BothOrders(j)] : [j.NoSwap, j.Swap];

    /// <summary>The log-odds weight of a voter with accuracy <paramref name="accuracy"/> (optimal for independent voters), never negative.</summary>
    public static double LogOddsWeight(double accuracy)
    {
        double p = Math.Clamp(accuracy, 0.01, 0.99);
        return Math.Max(0, Math.Log(p / (1 - p)));
    }
}
