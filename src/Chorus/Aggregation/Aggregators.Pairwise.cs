using Chorus.Aggregation;

namespace Chorus;

/// <content>The pairwise panel.</content>
public static partial class Aggregators
{
    /// <summary>
    /// A panel of judges compares the successful candidates two at a time (every pair), by default in both orders: a judge whose two
    /// verdicts disagree is counted as a tie, which cancels position bias. Each pair goes to the side with more judge weight;
    /// candidates are ranked by pairs won (ties ½).
    /// </summary>
    /// <param name="judges">The judges (for example one per model from <see cref="JuryPanel.Create"/>); their aspect, rubric and weight are used.</param>
    /// <param name="options">The task, prompt and orders; <see langword="null"/> for the defaults (both orders).</param>
    /// <returns>
    /// An aggregator named <c>pairwise</c>. All calls (judges × pairs × orders) run as one second stage (stage <c>pairwise</c>). A judge whose
    /// call fails or whose output cannot be read abstains on that pair: shown in the judgments and evidence, never counted. The evidence
    /// holds every judgment, every pair, the standings and the judges' agreement (Fleiss' kappa and Krippendorff's alpha).
    /// Completing throws <see cref="AggregationException"/> when no branch succeeded or every judge abstained on every pair.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="judges"/> or one of them is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="judges"/> is empty or two judges share a label.</exception>
    public static IAggregator<PairwiseResult> Pairwise(IEnumerable<Juror> judges, PairwiseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(judges);
        Juror[] copy = [.. judges];
        if (copy.Length == 0)
        {
            throw new ArgumentException("A pairwise panel needs at least one judge; got 0.", nameof(judges));
        }

        var labels = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < copy.Length; i++)
        {
            Juror judge = copy[i] ?? throw new ArgumentNullException(nameof(judges), $"Judge {i} is null.");
            if (!labels.Add(judge.Label))
            {
                throw new ArgumentException($"Two judges share the label '{judge.Label}'; labels must be unique.", nameof(judges));
            }
        }

        return new PairwiseAggregator(copy, options ?? new PairwiseOptions());
    }
}
