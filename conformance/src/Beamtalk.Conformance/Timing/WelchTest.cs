namespace Beamtalk.Conformance.Timing;

/// <summary>
/// Welch's unequal-variance t-test of two independent samples. The p-value reads t against the
/// normal distribution: the harness always compares thousands of measurements (Welch's degrees of
/// freedom far above 1000), where Student's t and the normal differ by less than 0.1 % in the tail.
/// </summary>
public static class WelchTest
{
    public static TestResult Compare(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count < 2 || b.Count < 2)
        {
            return new TestResult("Welch", 0, 1, a.Count + b.Count);
        }

        var (meanA, varA) = MeanAndVariance(a);
        var (meanB, varB) = MeanAndVariance(b);
        var standardError = Math.Sqrt((varA / a.Count) + (varB / b.Count));
        var t = standardError == 0 ? (meanA == meanB ? 0 : double.PositiveInfinity * Math.Sign(meanB - meanA)) : (meanB - meanA) / standardError;
        return new TestResult("Welch", t, Normal.TwoSidedP(t), a.Count + b.Count);
    }

    /// <summary>Welford's one-pass update: no catastrophic cancellation with tick counts in the millions.</summary>
    public static (double Mean, double Variance) MeanAndVariance(IReadOnlyList<double> values)
    {
        double mean = 0, m2 = 0;
        for (var i = 0; i < values.Count; i++)
        {
            var delta = values[i] - mean;
            mean += delta / (i + 1);
            m2 += delta * (values[i] - mean);
        }

        return (mean, values.Count > 1 ? m2 / (values.Count - 1) : 0);
    }
}
