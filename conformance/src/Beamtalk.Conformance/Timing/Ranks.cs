namespace Beamtalk.Conformance.Timing;

/// <summary>Mid-ranks (ties share the mean of their ranks) and the tie term Σ(t³ − t) the rank tests' variances subtract.</summary>
internal static class Ranks
{
    /// <summary>Ranks 1..n of <paramref name="keys"/> in the original order, and Σ(t³ − t) over groups of ties.</summary>
    public static (double[] Ranks, double TieTerm) Of(IReadOnlyList<double> keys)
    {
        var order = Enumerable.Range(0, keys.Count).ToArray();
        Array.Sort(order, (x, y) => keys[x].CompareTo(keys[y]));
        var ranks = new double[keys.Count];
        double tieTerm = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start + 1;
            while (end < order.Length && keys[order[end]] == keys[order[start]])
            {
                end++;
            }

            var rank = ((start + 1) + end) / 2.0;
            for (var i = start; i < end; i++)
            {
                ranks[order[i]] = rank;
            }

            double ties = end - start;
            tieTerm += (ties * ties * ties) - ties;
            start = end;
        }

        return (ranks, tieTerm);
    }
}
