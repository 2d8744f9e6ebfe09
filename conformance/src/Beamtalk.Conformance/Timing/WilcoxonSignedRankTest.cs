namespace Beamtalk.Conformance.Timing;

/// <summary>
/// The Wilcoxon signed-rank test of paired differences against a median of zero: zero differences
/// are dropped (Wilcoxon's convention), ties get mid-ranks, and the normal approximation carries the
/// tie and continuity corrections. The statistic is z: positive when the differences tend to be positive.
/// </summary>
public static class WilcoxonSignedRankTest
{
    public static TestResult Test(IReadOnlyList<double> differences)
    {
        var nonZero = differences.Where(d => d != 0).ToArray();
        double n = nonZero.Length;
        if (nonZero.Length == 0)
        {
            return new TestResult("Wilcoxon", 0, 1, 0);
        }

        var (ranks, tieTerm) = Ranks.Of([.. nonZero.Select(Math.Abs)]);
        double positive = 0;
        for (var i = 0; i < nonZero.Length; i++)
        {
            if (nonZero[i] > 0)
            {
                positive += ranks[i];
            }
        }

        var mean = n * (n + 1) / 4;
        var variance = (n * (n + 1) * ((2 * n) + 1) / 24) - (tieTerm / 48);
        var z = variance <= 0 ? 0 : (positive - mean - (0.5 * Math.Sign(positive - mean))) / Math.Sqrt(variance);
        return new TestResult("Wilcoxon", z, Normal.TwoSidedP(z), nonZero.Length);
    }
}
