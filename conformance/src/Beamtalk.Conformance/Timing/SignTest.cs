namespace Beamtalk.Conformance.Timing;

/// <summary>
/// The sign test of paired differences: under "no difference" a positive and a negative difference
/// are equally likely, whatever the shape of the noise. It assumes less than Wilcoxon (not even
/// symmetry), so a verdict that needs both is robust to skewed network jitter. Exact binomial tail
/// up to 1000 non-zero pairs; above that the normal approximation with continuity correction,
/// whose error there is far below the thresholds used. The statistic is z: positive when more
/// differences are positive.
/// </summary>
public static class SignTest
{
    public static TestResult Test(IReadOnlyList<double> differences)
    {
        var positive = differences.Count(d => d > 0);
        var negative = differences.Count(d => d < 0);
        var n = positive + negative;
        if (n == 0)
        {
            return new TestResult("sign", 0, 1, 0);
        }

        var z = (positive - negative - Math.Sign(positive - negative)) / Math.Sqrt(n);
        var p = n <= 1000 ? ExactTwoSided(Math.Min(positive, negative), n) : Normal.TwoSidedP(z);
        return new TestResult("sign", z, p, n);
    }

    /// <summary>2 · P(X ≤ k) for X ~ Binomial(n, ½), summed in log space so it neither under- nor overflows.</summary>
    private static double ExactTwoSided(int k, int n)
    {
        double logTail = double.NegativeInfinity;
        var logChoose = 0.0; // log C(n, 0)
        for (var i = 0; i <= k; i++)
        {
            if (i > 0)
            {
                logChoose += Math.Log(n - i + 1) - Math.Log(i);
            }

            var term = logChoose - (n * Math.Log(2));
            logTail = Math.Max(logTail, term) + Math.Log(1 + Math.Exp(-Math.Abs(logTail - term)));
        }

        return Math.Min(1, 2 * Math.Exp(logTail));
    }
}
