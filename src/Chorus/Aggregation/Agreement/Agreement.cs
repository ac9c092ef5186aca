namespace Chorus.Aggregation;

/// <summary>Inter-rater agreement statistics: Fleiss' kappa and Krippendorff's alpha. Pure functions.</summary>
/// <remarks>
/// Both are "agreement beyond chance": 1 means perfect agreement, 0 means no better than raters who assign categories at random
/// with the observed frequencies, and negative values mean systematic disagreement. When chance agreement is already perfect
/// (every rating is the same value) the statistics are undefined and these methods return <see cref="double.NaN"/>.
/// </remarks>
public static class Agreement
{
    /// <summary>Fleiss' kappa from a table of counts: one row per item, one column per category, each cell the number of raters who chose it.</summary>
    /// <param name="counts">The counts; every row must have the same number of columns and the same total of at least 2 raters.</param>
    /// <returns>κ = (P̄ − Pₑ) / (1 − Pₑ); <see cref="double.NaN"/> when Pₑ = 1 (every rating fell in one category).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="counts"/> or one of its rows is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">There are no rows, rows differ in length or total, a count is negative, or fewer than 2 raters rated each item.</exception>
    public static double FleissKappa(IReadOnlyList<IReadOnlyList<int>> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Count == 0)
        {
            throw new ArgumentException("Fleiss' kappa needs at least one item; got 0.", nameof(counts));
        }

        int categories = (counts[0] ?? throw new ArgumentNullException(nameof(counts), "Row 0 is null.")).Count;
        int raters = -1;
        var categoryTotals = new double[categories];
        double sumAgreement = 0;
        for (int i = 0; i < counts.Count; i++)
        {
            IReadOnlyList<int> row = counts[i] ?? throw new ArgumentNullException(nameof(counts), $"Row {i} is null.");
            if (row.Count != categories)
            {
                throw new ArgumentException($"Row {i} has {row.Count} categories but row 0 has {categories}; every row needs the same categories.", nameof(counts));
            }

            int total = 0;
            double squares = 0;
            for (int j = 0; j < categories; j++)
            {
                if (row[j] < 0)
                {
                    throw new ArgumentException($"Row {i} has a negative count {row[j]} in column {j}.", nameof(counts));
                }

                total += row[j];
                squares += (double)row[j] * row[j];
                categoryTotals[j] += row[j];
            }

            if (raters < 0)
            {
                raters = total;
                if (raters < 2)
                {
                    throw new ArgumentException($"Fleiss' kappa needs at least 2 raters per item; row 0 has {raters}.", nameof(counts));
                }
            }
            else if (total != raters)
            {
                throw new ArgumentException($"Row {i} has {total} ratings but row 0 has {raters}; every item needs the same number of raters.", nameof(counts));
            }

            sumAgreement += (squares - raters) / ((double)raters * (raters - 1));
        }

        double meanAgreement = sumAgreement / counts.Count;
        double allRatings = (double)counts.Count * raters;
        double chance = categoryTotals.Sum(t => (t / allRatings) * (t / allRatings));
        return chance >= 1 - 1e-12 ? double.NaN : (meanAgreement - chance) / (1 - chance);
    }

    /// <summary>Fleiss' kappa from the labels each item received: one list per item, every list the same length (one label per rater).</summary>
    /// <typeparam name="T">The label type; labels are compared with the default equality comparer.</typeparam>
    /// <param name="ratings">The labels per item.</param>
    /// <returns>As <see cref="FleissKappa(IReadOnlyList{IReadOnlyList{int}})"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ratings"/>, one of its lists or a label is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">As <see cref="FleissKappa(IReadOnlyList{IReadOnlyList{int}})"/>.</exception>
    public static double FleissKappaOfLabels<T>(IReadOnlyList<IReadOnlyList<T>> ratings)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(ratings);
        var categories = new Dictionary<T, int>();
        foreach (IReadOnlyList<T> item in ratings)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(ratings));
            foreach (T label in item)
            {
                ArgumentNullException.ThrowIfNull(label, nameof(ratings));
                categories.TryAdd(label, categories.Count);
            }
        }

        var table = new List<IReadOnlyList<int>>(ratings.Count);
        foreach (IReadOnlyList<T> item in ratings)
        {
            int[] row = new int[Math.Max(1, categories.Count)];
            foreach (T label in item)
            {
                row[categories[label]]++;
            }

            table.Add(row);
        }

        return FleissKappa(table);
    }

    /// <summary>Krippendorff's alpha for nominal data: one list per unit (item), one entry per rater, <see langword="null"/> where a rater gave no value.</summary>
    /// <typeparam name="T">The value type; values are compared with the default equality comparer.</typeparam>
    /// <param name="units">The values per unit. Units with fewer than 2 values are not pairable and are ignored, so raters may differ per unit.</param>
    /// <returns>α = 1 − Dₒ / Dₑ; <see cref="double.NaN"/> when fewer than 2 values are pairable or every pairable value is the same.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="units"/> or one of its lists is <see langword="null"/>.</exception>
    public static double KrippendorffAlphaNominal<T>(IReadOnlyList<IReadOnlyList<T?>> units)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(units);
        var totals = new Dictionary<T, double>();
        double observed = 0;
        double n = 0;
        foreach (IReadOnlyList<T?> unit in units)
        {
            ArgumentNullException.ThrowIfNull(unit, nameof(units));
            List<T> values = [.. unit.Where(v => v is not null).Select(v => v!)];
            if (values.Count < 2)
            {
                continue;
            }

            // Ordered pairs within the unit that disagree: m² − Σ n_c², weighted by 1 / (m − 1).
            double sameSquares = values.GroupBy(v => v).Sum(g => (double)g.Count() * g.Count());
            observed += (((double)values.Count * values.Count) - sameSquares) / (values.Count - 1);
            n += values.Count;
            foreach (T value in values)
            {
                totals[value] = totals.GetValueOrDefault(value) + 1;
            }
        }

        double expected = (n * n) - totals.Values.Sum(t => t * t);
        return Alpha(observed, expected, n);
    }

    /// <summary>Krippendorff's alpha for interval data (squared difference): one list per unit, one entry per rater, <see langword="null"/> where a rater gave no value.</summary>
    /// <param name="units">The values per unit. Units with fewer than 2 values are ignored.</param>
    /// <returns>α = 1 − Dₒ / Dₑ; <see cref="double.NaN"/> when fewer than 2 values are pairable or every pairable value is the same.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="units"/> or one of its lists is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A value is not finite.</exception>
    public static double KrippendorffAlphaInterval(IReadOnlyList<IReadOnlyList<double?>> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        double observed = 0;
        double n = 0;
        double sum = 0;
        double sumSquares = 0;
        foreach (IReadOnlyList<double?> unit in units)
        {
            ArgumentNullException.ThrowIfNull(unit, nameof(units));
            List<double> values = [.. unit.Where(v => v is not null).Select(v => v!.Value)];
            if (values.Exists(v => !double.IsFinite(v)))
            {
                throw new ArgumentException($"Krippendorff's alpha needs finite values; got {values.First(v => !double.IsFinite(v))}.", nameof(units));
            }

            if (values.Count < 2)
            {
                continue;
            }

            observed += SumOfSquaredDifferences(values.Count, values.Sum(), values.Sum(v => v * v)) / (values.Count - 1);
            n += values.Count;
            sum += values.Sum();
            sumSquares += values.Sum(v => v * v);
        }

        return Alpha(observed, SumOfSquaredDifferences(n, sum, sumSquares), n);
    }

    /// <summary>Σ over ordered pairs i ≠ j of (xᵢ − xⱼ)² = 2n Σx² − 2(Σx)².</summary>
    private static double SumOfSquaredDifferences(double n, double sum, double sumSquares) => (2 * n * sumSquares) - (2 * sum * sum);

    /// <summary>α = 1 − (n − 1) · observed / expected, where observed = n·Dₒ and expected = n(n − 1)·Dₑ.</summary>
    private static double Alpha(double observed, double expected, double n) =>
        n < 2 || expected <= 1e-12 * n * n ? double.NaN : 1 - ((n - 1) * observed / expected);
}
