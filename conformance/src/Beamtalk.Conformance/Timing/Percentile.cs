namespace Beamtalk.Conformance.Timing;

/// <summary>Order statistics: percentiles by linear interpolation between closest ranks, and the median.</summary>
public static class Percentile
{
    /// <summary>The <paramref name="fraction"/> quantile (0..1) of <paramref name="sorted"/>, which must be in ascending order.</summary>
    public static double OfSorted(ReadOnlySpan<double> sorted, double fraction)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var position = Math.Clamp(fraction, 0, 1) * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }

    public static double Of(IEnumerable<double> values, double fraction)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return OfSorted(sorted, fraction);
    }

    public static double Median(IEnumerable<double> values) => Of(values, 0.5);

    /// <summary>
    /// The values at or below the <paramref name="fraction"/> quantile of <paramref name="values"/>:
    /// dudect's cropping. Long tails come from the machine (a context switch, a GC, an interrupt), not
    /// from the code under test, and they swamp a mean; the cut is chosen blind to the classes.
    /// </summary>
    public static double CutOff(IEnumerable<double> values, double fraction) => Of(values, fraction);
}
