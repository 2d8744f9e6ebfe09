namespace Beamtalk.Conformance.Timing;

/// <summary>
/// The paired analysis of one comparison in one round: differences (class B minus class A, µs)
/// measured side by side in a block, so drift of the machine and the network between blocks cancels.
/// </summary>
public sealed record PairedComparison(string Name, int Pairs, TestResult Wilcoxon, TestResult Sign, MedianInterval Interval, bool Significant)
{
    /// <summary>
    /// The resolution achieved: the half-width of the 95 % confidence interval of the median
    /// difference. A true difference of about this size moves the interval off zero in half of all
    /// runs, one of twice this size in nearly all: a pass with resolution r rules out leaks of ≳ 2r.
    /// </summary>
    public double Resolution => Interval.HalfWidth;

    public string Describe() => FormattableString.Invariant(
        $"{Name}: median difference {Interval.Median:+0.00;-0.00} µs, 95 % CI [{Interval.Low:0.00}, {Interval.High:0.00}], resolution {Resolution:0.00} µs, {Wilcoxon}, {Sign}");

    /// <summary>Evaluates <paramref name="differences"/> by the policy's rule (<see cref="TimingPolicy"/>), with a bootstrap interval.</summary>
    public static PairedComparison Evaluate(string name, IReadOnlyList<double> differences, TimingPolicy policy, int seed) =>
        Decide(name, differences, BootstrapInterval.OfMedian(differences, seed), policy);

    /// <summary>The same rule with the order-statistic interval: cheap enough to run while sampling.</summary>
    public static PairedComparison Glance(string name, IReadOnlyList<double> differences, TimingPolicy policy) =>
        Decide(name, differences, BootstrapInterval.OrderStatistic(differences), policy);

    private static PairedComparison Decide(string name, IReadOnlyList<double> differences, MedianInterval interval, TimingPolicy policy)
    {
        var wilcoxon = WilcoxonSignedRankTest.Test(differences);
        var sign = SignTest.Test(differences);
        var significant = wilcoxon.PValue < policy.Alpha
            && sign.PValue < policy.Alpha
            && Math.Sign(wilcoxon.Statistic) == Math.Sign(sign.Statistic)
            && interval.ExcludesZero
            && Math.Abs(interval.Median) >= policy.MinimumEffectMicroseconds;
        return new PairedComparison(name, differences.Count, wilcoxon, sign, interval, significant);
    }
}
