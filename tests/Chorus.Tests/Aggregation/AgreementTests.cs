using Chorus.Aggregation;

namespace Chorus.Tests.Aggregation;

public class AgreementTests
{
    /// <summary>
    /// Items [A,A], [A,B], [B,B]: P_i = 1, 0, 1 so P̄ = 2/3; p_A = p_B = 1/2 so Pₑ = 1/2; κ = (2/3 − 1/2) / (1/2) = 1/3.
    /// </summary>
    [Fact]
    public void FleissKappa_TwoRatersThreeItems_IsOneThird()
    {
        double kappa = Agreement.FleissKappa([[2, 0], [1, 1], [0, 2]]);

        Assert.Equal(1.0 / 3, kappa, 12);
        Assert.Equal(kappa, Agreement.FleissKappaOfLabels<string>([["A", "A"], ["A", "B"], ["B", "B"]]), 12);
    }

    /// <summary>The worked example of Fleiss (1971) as reproduced on Wikipedia: 10 items, 14 raters, 5 categories; P̄ = 0.378, Pₑ = 0.213, κ = 0.210.</summary>
    [Fact]
    public void FleissKappa_WikipediaExample_Is0210()
    {
        int[][] table =
        [
            [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
            [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
        ];

        Assert.Equal(0.20993, Agreement.FleissKappa(table), 5);
    }

    [Fact]
    public void FleissKappa_PerfectAgreementOnVariedItems_IsOne()
    {
        Assert.Equal(1.0, Agreement.FleissKappa([[3, 0], [0, 3]]), 12);
    }

    [Fact]
    public void FleissKappa_EveryRatingInOneCategory_IsNaN()
    {
        Assert.True(double.IsNaN(Agreement.FleissKappa([[3, 0], [3, 0]])));
    }

    [Fact]
    public void FleissKappa_RowsWithDifferentRaterCounts_ThrowsNamingTheRow()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => Agreement.FleissKappa([[2, 0], [1, 2]]));
        Assert.StartsWith("Row 1 has 3 ratings but row 0 has 2; every item needs the same number of raters.", ex.Message);
    }

    [Fact]
    public void FleissKappa_OneRater_Throws()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => Agreement.FleissKappa([[1, 0]]));
        Assert.StartsWith("Fleiss' kappa needs at least 2 raters per item; row 0 has 1.", ex.Message);
    }

    /// <summary>
    /// Units [A,A], [A,B], [B,B]: n = 6; observed ordered disagreeing pairs 2 (unit 2, m − 1 = 1) so Dₒ = 2/6;
    /// expected n² − Σn_c² = 36 − 18 = 18 over n(n − 1) = 30, Dₑ = 0.6; α = 1 − (1/3)/0.6 = 4/9.
    /// </summary>
    [Fact]
    public void KrippendorffAlphaNominal_HandComputed_IsFourNinths()
    {
        Assert.Equal(4.0 / 9, Agreement.KrippendorffAlphaNominal<string>([["A", "A"], ["A", "B"], ["B", "B"]]), 12);
    }

    /// <summary>
    /// Units [1,2], [3,3]: n = 4; Dₒ = (2·1² / 1) / 4 = 0.5; values 1,2,3,3: Σ(xᵢ − xⱼ)² over ordered pairs = 2·4·23 − 2·81 = 22,
    /// Dₑ = 22 / 12; α = 1 − 0.5 / (11/6) = 8/11.
    /// </summary>
    [Fact]
    public void KrippendorffAlphaInterval_HandComputed_IsEightElevenths()
    {
        Assert.Equal(8.0 / 11, Agreement.KrippendorffAlphaInterval([[1, 2], [3, 3]]), 12);
    }

    /// <summary>Krippendorff (2011), "Computing Krippendorff's alpha-reliability": 4 coders, 12 units, missing values; nominal α = 0.743, interval α = 0.849.</summary>
    [Fact]
    public void KrippendorffAlpha_PublishedExampleWithMissingValues_MatchesPaper()
    {
        double?[][] coders =
        [
            [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
            [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
            [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
            [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
        ];
        List<IReadOnlyList<double?>> units = [.. Enumerable.Range(0, 12).Select(u => (IReadOnlyList<double?>)[.. coders.Select(c => c[u])])];
        List<IReadOnlyList<string?>> nominal = [.. units.Select(u => (IReadOnlyList<string?>)[.. u.Select(v => v?.ToString(System.Globalization.CultureInfo.InvariantCulture))])];

        Assert.Equal(0.743, Agreement.KrippendorffAlphaNominal(nominal), 3);
        Assert.Equal(0.849, Agreement.KrippendorffAlphaInterval(units), 3);
    }

    [Fact]
    public void KrippendorffAlpha_NoPairableValues_IsNaN()
    {
        Assert.True(double.IsNaN(Agreement.KrippendorffAlphaNominal<string>([["A", null], [null, "B"]])));
        Assert.True(double.IsNaN(Agreement.KrippendorffAlphaInterval([[5, 5], [5, 5]])));
    }
}
