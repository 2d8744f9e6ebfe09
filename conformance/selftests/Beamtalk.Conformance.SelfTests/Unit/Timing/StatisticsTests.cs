using Beamtalk.Conformance.Timing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Beamtalk.Conformance.SelfTests.Unit.Timing;

/// <summary>The timing statistics against values worked out by hand or from tables, and their symmetries as properties.</summary>
public sealed class StatisticsTests
{
    private static readonly Gen<double[]> Differences =
        Gen.Choose(-5000, 5000).Select(i => i / 100.0).ArrayOf().Where(a => a.Length is >= 5 and <= 300);

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1.959963984540054, 0.05)]
    [InlineData(2.5758293035489, 0.01)]
    [InlineData(3.2905267314919, 0.001)]
    [InlineData(6.10941020648, 1e-9)]
    public void Two_sided_normal_p_values_match_the_tables(double z, double p)
    {
        Assert.Equal(p, Normal.TwoSidedP(z), p * 1e-5 + 1e-12);
        Assert.Equal(p, Normal.TwoSidedP(-z), p * 1e-5 + 1e-12);
    }

    [Fact]
    public void Welch_t_of_two_shifted_samples_is_the_shift_over_its_standard_error()
    {
        // Means 3 and 5, variances 2.5 and 2.5, n 5 and 5: standard error √(0.5 + 0.5) = 1.
        var result = WelchTest.Compare([1, 2, 3, 4, 5], [3, 4, 5, 6, 7]);
        Assert.Equal(2, result.Statistic, 1e-12);
        Assert.Equal(Normal.TwoSidedP(2), result.PValue, 1e-12);
    }

    [Fact]
    public void Sign_test_is_exact_for_small_counts()
    {
        // Ten positives out of ten: 2 · (½)¹⁰; the zero is dropped.
        var result = SignTest.Test([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0]);
        Assert.Equal(10, result.Count);
        Assert.Equal(2.0 / 1024, result.PValue, 1e-15);

        // Two of ten: 2 · (1 + 10 + 45) / 1024.
        Assert.Equal(2.0 * 56 / 1024, SignTest.Test([1, 1, -1, -1, -1, -1, -1, -1, -1, -1]).PValue, 1e-15);
    }

    [Fact]
    public void Wilcoxon_signed_rank_of_ten_positive_differences_matches_the_normal_approximation()
    {
        // W+ = 55, mean 27.5, variance 10·11·21/24 = 96.25, continuity-corrected z = 27/√96.25.
        var result = WilcoxonSignedRankTest.Test([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        Assert.Equal(27 / Math.Sqrt(96.25), result.Statistic, 1e-12);
        Assert.Equal(0.00592, result.PValue, 1e-4);
    }

    [Fact]
    public void Mann_whitney_sees_a_shift_and_not_its_absence()
    {
        var a = Enumerable.Range(0, 200).Select(i => (double)(i % 37)).ToArray();
        Assert.Equal(1, MannWhitneyTest.Compare(a, a).PValue, 1e-9);
        var shifted = MannWhitneyTest.Compare(a, [.. a.Select(x => x + 5)]);
        Assert.True(shifted.Statistic > 0 && shifted.PValue < 1e-4, shifted.ToString());
    }

    [Fact]
    public void Percentiles_interpolate_between_closest_ranks()
    {
        Assert.Equal(2.5, Percentile.Median([4, 1, 3, 2]));
        Assert.Equal(3.7, Percentile.Of([1, 2, 3, 4], 0.9), 1e-12);
        Assert.True(double.IsNaN(Percentile.Median([])));
    }

    [Fact]
    public void A_bootstrap_interval_surrounds_the_median_and_narrows_with_more_data()
    {
        var random = new Random(7);
        double[] Noisy(int n) => [.. Enumerable.Range(0, n).Select(_ => 3 + (random.NextDouble() - 0.5) * 20)];
        var small = BootstrapInterval.OfMedian(Noisy(200), seed: 1);
        var large = BootstrapInterval.OfMedian(Noisy(20_000), seed: 1);
        Assert.True(small.Low <= small.Median && small.Median <= small.High, small.ToString());
        Assert.True(large.Low < 3 && 3 < large.High, large.ToString());
        Assert.True(large.HalfWidth < small.HalfWidth / 5, $"{large.HalfWidth} vs {small.HalfWidth}");
        Assert.True(large.ExcludesZero);
    }

    [Fact]
    public void The_same_seed_gives_the_same_bootstrap_interval()
    {
        var random = new Random(3);
        double[] values = [.. Enumerable.Range(0, 1000).Select(_ => random.NextDouble())];
        Assert.Equal(BootstrapInterval.OfMedian(values, seed: 9), BootstrapInterval.OfMedian(values, seed: 9));
    }

    [Fact]
    public void The_order_statistic_interval_agrees_with_the_bootstrap()
    {
        var random = new Random(11);
        double[] values = [.. Enumerable.Range(0, 5000).Select(_ => random.NextDouble() * 10)];
        var bootstrap = BootstrapInterval.OfMedian(values, seed: 3);
        var order = BootstrapInterval.OrderStatistic(values);
        Assert.Equal(bootstrap.HalfWidth, order.HalfWidth, bootstrap.HalfWidth * 0.3);
    }

    [Property(MaxTest = 200)]
    public Property Negating_the_differences_negates_the_paired_statistics_and_keeps_their_p_values() =>
        Prop.ForAll(Arb.From(Differences), d =>
        {
            var negated = d.Select(x => -x).ToArray();
            var (w, wn) = (WilcoxonSignedRankTest.Test(d), WilcoxonSignedRankTest.Test(negated));
            var (s, sn) = (SignTest.Test(d), SignTest.Test(negated));
            return Math.Abs(w.Statistic + wn.Statistic) < 1e-9 && Math.Abs(w.PValue - wn.PValue) < 1e-12
                && Math.Abs(s.Statistic + sn.Statistic) < 1e-9 && Math.Abs(s.PValue - sn.PValue) < 1e-12;
        });

    [Property(MaxTest = 200)]
    public Property P_values_are_probabilities() =>
        Prop.ForAll(Arb.From(Differences), d =>
            new[] { WilcoxonSignedRankTest.Test(d), SignTest.Test(d), WelchTest.Compare(d, [.. d.Select(x => x * 0.5)]), MannWhitneyTest.Compare(d, [.. d.Reverse()]) }
                .All(r => r.PValue is >= 0 and <= 1));

    [Property(MaxTest = 200)]
    public Property Adding_a_constant_to_both_samples_changes_no_two_sample_test() =>
        Prop.ForAll(Arb.From(Differences), Arb.From(Gen.Choose(-1000, 1000)), (d, shift) =>
        {
            var half = d.Length / 2;
            double[] a = d[..half], b = d[half..];
            var rank = MannWhitneyTest.Compare(a, b);
            var moved = MannWhitneyTest.Compare([.. a.Select(x => x + shift)], [.. b.Select(x => x + shift)]);
            return Math.Abs(rank.Statistic - moved.Statistic) < 1e-9;
        });
}
