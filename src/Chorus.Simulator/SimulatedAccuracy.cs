using System.Globalization;

namespace Chorus.Simulator;

/// <summary>The exact statistics of the simulated model's answers, so benchmarks and tests can compare voting with its analytic value.</summary>
/// <remarks>
/// A question with a known answer is answered correctly with probability <c>p</c> (<see cref="SimulatorOptions.Accuracy"/>); otherwise
/// with distractor <c>j</c> from <see cref="GetDistractors"/> with probability <c>(1 - p) × share[j]</c>. Draws are independent.
/// Thread-safe (pure functions).
/// </remarks>
public static class SimulatedAccuracy
{
    /// <summary>Gets how the wrong answers split between the three distractors: 0.5, 0.3 and 0.2.</summary>
    public static IReadOnlyList<double> DefaultDistractorShares { get; } = [0.5, 0.3, 0.2];

    /// <summary>Returns the three wrong answers the simulator gives for a correct answer, most likely first.</summary>
    /// <param name="correctAnswer">The correct answer.</param>
    /// <returns>Three distinct answers, none equal to <paramref name="correctAnswer"/> (ignoring case): for an integer an
    /// off-by-one, a digit swap (or off-by-one below) and an off-by-ten; for other numbers ±1 and ×10; for text, edits of it.</returns>
    /// <exception cref="ArgumentException"><paramref name="correctAnswer"/> is null or empty.</exception>
    public static IReadOnlyList<string> GetDistractors(string correctAnswer)
    {
        ArgumentException.ThrowIfNullOrEmpty(correctAnswer);
        var picked = new List<string>(3);
        foreach (string candidate in DistractorCandidates(correctAnswer))
        {
            if (candidate.Length > 0
                && !string.Equals(candidate, correctAnswer, StringComparison.OrdinalIgnoreCase)
                && !picked.Contains(candidate, StringComparer.OrdinalIgnoreCase))
            {
                picked.Add(candidate);
                if (picked.Count == 3)
                {
                    break;
                }
            }
        }

        return picked;
    }

    /// <summary>Computes the exact probability that a plurality vote over <paramref name="samples"/> independent answers is correct.</summary>
    /// <param name="samples">The number of votes; positive.</param>
    /// <param name="accuracy">The probability that one answer is correct, in [0, 1].</param>
    /// <param name="distractorShares">How the wrong answers split between distinct wrong values; non-negative, summing to 1.
    /// <see langword="null"/> means <see cref="DefaultDistractorShares"/>.</param>
    /// <param name="tieRule">How a tie for the most votes between the correct answer and a wrong one counts.</param>
    /// <returns>The probability, summed exactly over every split of the votes (a multinomial), so no sampling error.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    /// <exception cref="ArgumentException">The shares do not sum to 1.</exception>
    public static double Majority(int samples, double accuracy, IReadOnlyList<double>? distractorShares = null, MajorityTieRule tieRule = MajorityTieRule.Split)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samples);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(samples, 1000);
        if (!(accuracy >= 0 && accuracy <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(accuracy), accuracy, "The accuracy must be in [0, 1].");
        }

        IReadOnlyList<double> shares = distractorShares ?? DefaultDistractorShares;
        if (shares.Any(s => !(s >= 0)) || Math.Abs(shares.Sum() - 1) > 1e-9)
        {
            throw new ArgumentException("The distractor shares must be non-negative and sum to 1.", nameof(distractorShares));
        }

        double[] logFactorial = new double[samples + 1];
        for (int i = 2; i <= samples; i++)
        {
            logFactorial[i] = logFactorial[i - 1] + Math.Log(i);
        }

        double[] wrong = [.. shares.Select(s => (1 - accuracy) * s)];
        int[] counts = new int[wrong.Length];
        double total = 0;
        for (int correct = 0; correct <= samples; correct++)
        {
            double logHead = logFactorial[samples] - logFactorial[correct] + LogPow(accuracy, correct);
            total += SumOverSplits(0, samples - correct, logHead);

            double SumOverSplits(int index, int left, double logSoFar)
            {
                if (index == wrong.Length)
                {
                    return left == 0 ? Math.Exp(logSoFar) * Credit(correct, counts, tieRule) : 0;
                }

                double sum = 0;
                // The last distractor takes every vote left.
                int min = index == wrong.Length - 1 ? left : 0;
                for (int c = min; c <= left; c++)
                {
                    double weight = LogPow(wrong[index], c) - logFactorial[c];
                    if (double.IsNegativeInfinity(weight))
                    {
                        continue;
                    }

                    counts[index] = c;
                    sum += SumOverSplits(index + 1, left - c, logSoFar + weight);
                }

                counts[index] = 0;
                return sum;
            }
        }

        return Math.Clamp(total, 0, 1);
    }

    private static double Credit(int correct, int[] counts, MajorityTieRule tieRule)
    {
        int best = counts.Length == 0 ? 0 : counts.Max();
        if (correct > best)
        {
            return 1;
        }

        if (correct < best || correct == 0)
        {
            return 0;
        }

        return tieRule == MajorityTieRule.Split ? 1.0 / (1 + counts.Count(c => c == best)) : 0;
    }

    private static double LogPow(double p, int k) => k == 0 ? 0 : k * Math.Log(p);

    private static IEnumerable<string> DistractorCandidates(string answer)
    {
        if (long.TryParse(answer, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v) && Math.Abs(v) < long.MaxValue / 20)
        {
            yield return Int(v + 1);
            string digits = Math.Abs(v).ToString(CultureInfo.InvariantCulture);
            if (digits.Length >= 2 && digits[^1] != digits[^2])
            {
                string swapped = string.Concat(digits.AsSpan(0, digits.Length - 2), digits[^1].ToString(), digits[^2].ToString());
                yield return (v < 0 ? "-" : string.Empty) + long.Parse(swapped, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
            }

            yield return Int(v - 1);
            yield return Int(v + 10);
            yield return Int(v + 2);
            yield return Int(v - 10);
            yield break;
        }

        if (decimal.TryParse(answer, NumberStyles.Number, CultureInfo.InvariantCulture, out decimal d))
        {
            yield return ArithmeticEvaluator.Format(d + 1);
            yield return ArithmeticEvaluator.Format(d - 1);
            yield return ArithmeticEvaluator.Format(d * 10);
            yield return ArithmeticEvaluator.Format(d + 2);
            yield break;
        }

        if (answer.Length >= 2)
        {
            yield return string.Concat(answer.AsSpan(0, answer.Length - 2), answer[^1].ToString(), answer[^2].ToString());
            yield return answer[..^1];
        }

        yield return answer + "s";
        yield return new string([.. answer.Reverse()]);
        yield return answer + "x";
        yield return "not " + answer;

        static string Int(long x) => x.ToString(CultureInfo.InvariantCulture);
    }
}
