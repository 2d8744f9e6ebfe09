namespace Beamtalk.Conformance.Timing;

/// <summary>The standard normal distribution, as far as the timing tests need it: tail probabilities.</summary>
public static class Normal
{
    /// <summary>z for a two-sided 95 % interval.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>
    /// P(Z &gt; z). Uses the Chebyshev fit of erfc from Numerical Recipes (erfcc), whose relative
    /// error stays below 1.2e-7 over the whole line: the tests compare p-values far out in the tail
    /// (1e-4 and below), where an absolute-error approximation would be useless.
    /// </summary>
    public static double UpperTail(double z) => 0.5 * Erfc(z / Math.Sqrt(2));

    /// <summary>Two-sided p-value of a standard normal statistic.</summary>
    public static double TwoSidedP(double z) => double.IsNaN(z) ? 1 : Math.Min(1, 2 * UpperTail(Math.Abs(z)));

    private static readonly double[] Coefficients =
        [-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277];

    private static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1 / (1 + (0.5 * z));
        var polynomial = 0.0;
        for (var i = Coefficients.Length - 1; i >= 0; i--)
        {
            polynomial = (polynomial * t) + Coefficients[i];
        }

        var r = t * Math.Exp(-(z * z) + polynomial);
        return x >= 0 ? r : 2 - r;
    }
}
