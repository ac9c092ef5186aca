namespace Chorus.Voting;

/// <summary>The regularized incomplete beta function, for the adaptive stopping rule (real-valued parameters, so weighted votes work).</summary>
internal static class BetaMath
{
    private const int MaxIterations = 300;
    private const double Epsilon = 1e-15;
    private const double Tiny = 1e-300;
    private const int MaxExactCount = 500;

    // Lanczos approximation (g = 7, n = 9): about 15 significant digits for positive arguments.
    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    /// <summary>I_x(a, b): the probability that a Beta(a, b) variable is at most x.</summary>
    public static double RegularizedIncompleteBeta(double x, double a, double b)
    {
        if (x <= 0)
        {
            return 0;
        }

        if (x >= 1)
        {
            return 1;
        }

        if (x == 0.5 && IsSmallInteger(a) && IsSmallInteger(b))
        {
            return HalfBinomialTail((int)a, (int)b);
        }

        double front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + (a * Math.Log(x)) + (b * Math.Log(1 - x)));

        // The continued fraction converges fast on this side of the mean; use the symmetry I_x(a,b) = 1 - I_{1-x}(b,a) otherwise.
        return x < (a + 1) / (a + b + 2)
            ? front * ContinuedFraction(x, a, b) / a
            : 1 - (front * ContinuedFraction(1 - x, b, a) / b);
    }

    /// <summary>ln Γ(x) for x &gt; 0.</summary>
    public static double LogGamma(double x)
    {
        if (x < 0.5)
        {
            return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        }

        x -= 1;
        double sum = Lanczos[0];
        for (int i = 1; i < Lanczos.Length; i++)
        {
            sum += Lanczos[i] / (x + i);
        }

        double t = x + 7.5;
        return (0.5 * Math.Log(2 * Math.PI)) + ((x + 0.5) * Math.Log(t)) - t + Math.Log(sum);
    }

    // Modified Lentz evaluation of the continued fraction for the incomplete beta function.
    private static double ContinuedFraction(double x, double a, double b)
    {
        double c = 1;
        double d = NonZero(1 - ((a + b) * x / (a + 1)));
        d = 1 / d;
        double h = d;
        for (int m = 1; m <= MaxIterations; m++)
        {
            int m2 = 2 * m;
            double even = m * (b - m) * x / ((a - 1 + m2) * (a + m2));
            d = 1 / NonZero(1 + (even * d));
            c = NonZero(1 + (even / c));
            h *= d * c;

            double odd = -(a + m) * (a + b + m) * x / ((a + m2) * (a + 1 + m2));
            d = 1 / NonZero(1 + (odd * d));
            c = NonZero(1 + (odd / c));
            double step = d * c;
            h *= step;
            if (Math.Abs(step - 1) < Epsilon)
            {
                break;
            }
        }

        return h;
    }

    private static bool IsSmallInteger(double value) => value >= 1 && value <= MaxExactCount && value == Math.Floor(value);

    // With integer parameters I_½(a, b) = P(Binomial(a + b − 1, ½) ≥ a): a sum of dyadic fractions, exact for unweighted votes.
    private static double HalfBinomialTail(int a, int b)
    {
        int n = a + b - 1;
        double term = Math.Pow(0.5, n);     // C(n, 0) / 2^n
        double sum = 0;
        for (int j = 0; j <= n; j++)
        {
            if (j >= a)
            {
                sum += term;
            }

            term = term * (n - j) / (j + 1);
        }

        return sum;
    }

    private static double NonZero(double value) => Math.Abs(value) < Tiny ? Tiny : value;
}
