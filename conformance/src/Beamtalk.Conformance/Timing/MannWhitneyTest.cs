namespace Beamtalk.Conformance.Timing;

/// <summary>
/// The Mann-Whitney U test (Wilcoxon rank-sum) of two independent samples, normal approximation
/// with tie correction and continuity correction. Rank-based, so a few huge outliers (a context
/// switch in the middle of a measurement) cannot make or break a verdict the way they can a t-test.
/// The statistic is z: positive when <c>b</c> tends to be larger.
/// </summary>
public static class MannWhitneyTest
{
    public static TestResult Compare(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        double n1 = a.Count, n2 = b.Count, n = n1 + n2;
        if (a.Count == 0 || b.Count == 0)
        {
            return new TestResult("Mann-Whitney", 0, 1, a.Count + b.Count);
        }

        var (ranks, tieTerm) = Ranks.Of([.. a, .. b]);
        var rankSumB = ranks.AsSpan(a.Count).ToArray().Sum();
        var u = rankSumB - (n2 * (n2 + 1) / 2);
        var mean = n1 * n2 / 2;
        var variance = n1 * n2 / 12 * ((n + 1) - (tieTerm / (n * (n - 1))));
        var z = variance <= 0 ? 0 : (u - mean - (0.5 * Math.Sign(u - mean))) / Math.Sqrt(variance);
        return new TestResult("Mann-Whitney", z, Normal.TwoSidedP(z), a.Count + b.Count);
    }
}
