using System.Diagnostics;

namespace Beamtalk.Conformance.Timing;

/// <summary>How the white-box harness samples and decides. Each default says where it came from.</summary>
public sealed record WhiteBoxOptions
{
    /// <summary>Stop after this long without a finding. 5 s: an early-exit compare is found in well under a second here.</summary>
    public TimeSpan Budget { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Calls discarded first, spread over at least 300 ms so tiered JIT has promoted the comparator (it waits 100 ms after 30 calls).</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Calls timed together as one measurement: a timestamp costs ~20 ns, as much as a short compare.</summary>
    public int Batch { get; init; } = 8;

    /// <summary>Measurements between two looks at the data.</summary>
    public int LookEvery { get; init; } = 20_000;

    /// <summary>Measurements above this quantile (pooled over both classes of a comparison) are dropped as machine noise.</summary>
    public double Crop { get; init; } = 0.9;

    /// <summary>
    /// |t| at or above which Welch's test counts. dudect's "definitely not constant time" threshold;
    /// it is far beyond any p-value (≈1e-23), so looking at the data every few thousand measurements
    /// cannot add up to a false alarm.
    /// </summary>
    public double TThreshold { get; init; } = 10;

    /// <summary>The rank test must agree at this p-value, so one heavy tail cannot carry the verdict alone.</summary>
    public double RankAlpha { get; init; } = 1e-10;

    /// <summary>
    /// The smallest difference that counts, per call: 1 ns, or 1 % of the comparator's median time
    /// if larger. Below that lies the cost of reading a presented value one character longer or shorter,
    /// which tells a caller only what it already knows.
    /// </summary>
    public double FloorNanoseconds { get; init; } = 5;

    public double FloorFraction { get; init; } = 0.02;
}

/// <summary>One comparison of two input classes: the statistics and whether they make a finding.</summary>
public sealed record ClassComparison(string Name, int CountA, int CountB, double MedianA, double MedianB, TestResult Welch, TestResult Rank, bool Leaks)
{
    /// <summary>Median of the second class minus median of the first, in the unit of the measurements.</summary>
    public double Difference => MedianB - MedianA;
}

/// <summary>The harness's finding: the comparisons at the last look, how long it took, and how many calls were timed.</summary>
public sealed record WhiteBoxReport(IReadOnlyList<ClassComparison> Comparisons, TimeSpan Elapsed, long Measurements, int Seed)
{
    public bool Leaks => Comparisons.Any(c => c.Leaks);

    public string Describe() => string.Join("; ", Comparisons.Select(c => FormattableString.Invariant(
        $"{c.Name}: Δmedian {c.Difference:0.0} ns/call, {c.Welch}, {c.Rank}{(c.Leaks ? " LEAK" : string.Empty)}")))
        + FormattableString.Invariant($"; {Measurements} measurements of batches in {Elapsed.TotalSeconds:0.0} s (seed {Seed})");
}

/// <summary>
/// A dudect-style harness for a comparator given as a delegate (secret, presented) → equal. Three
/// classes of wrong value (<see cref="TimingClass"/>) are drawn in random order, each measurement
/// times a batch of calls with the monotonic high-resolution clock, the top of each comparison's
/// pooled distribution is cropped, and Welch's t-test and the Mann-Whitney rank test must both
/// agree, with a difference above the floor, before a leak is reported. It looks at the data every
/// <see cref="WhiteBoxOptions.LookEvery"/> measurements and stops at the first finding or at the budget.
/// </summary>
public static class WhiteBoxHarness
{
    public static WhiteBoxReport Run(Func<string, string, bool> comparator, string secret, int seed, WhiteBoxOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(comparator);
        options ??= new WhiteBoxOptions();
        var random = new Random(seed);
        var inputs = new TimingInputs(secret, random);
        var classes = Enum.GetValues<TimingClass>();

        // Pools of distinct values per class, made before timing starts: allocation stays out of the measurement.
        const int poolSize = 256;
        var pools = classes.ToDictionary(c => c, c => Enumerable.Range(0, poolSize).Select(_ => inputs.Next(c)).ToArray());
        var samples = classes.ToDictionary(c => c, _ => new List<double>());
        var sink = false;

        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < options.WarmUp)
        {
            var pool = pools[classes[random.Next(classes.Length)]];
            sink ^= comparator(secret, pool[random.Next(poolSize)]);
        }

        clock.Restart();
        long measurements = 0;
        var nanosecondsPerTick = 1e9 / Stopwatch.Frequency;
        IReadOnlyList<ClassComparison> comparisons = [];
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var m = 0; m < options.LookEvery; m++)
            {
                var kind = classes[random.Next(classes.Length)];
                var pool = pools[kind];
                var offset = random.Next(poolSize);
                var start = Stopwatch.GetTimestamp();
                for (var i = 0; i < options.Batch; i++)
                {
                    sink ^= comparator(secret, pool[(offset + i) % poolSize]);
                }

                var ticks = Stopwatch.GetTimestamp() - start;
                samples[kind].Add(ticks * nanosecondsPerTick / options.Batch);
            }

            measurements += options.LookEvery;
            comparisons =
            [
                Compare("shared prefix (0 vs all but last)", samples[TimingClass.ZeroShared], samples[TimingClass.AllButLast], options),
                Compare("length (wrong vs right)", samples[TimingClass.WrongLength], samples[TimingClass.ZeroShared], options),
            ];
            if (comparisons.Any(c => c.Leaks) || clock.Elapsed >= options.Budget)
            {
                break;
            }
        }

        GC.KeepAlive(sink);
        return new WhiteBoxReport(comparisons, clock.Elapsed, measurements, seed);
    }

    /// <summary>Crops both classes at the pooled quantile (blind to the class), then tests.</summary>
    public static ClassComparison Compare(string name, IReadOnlyList<double> a, IReadOnlyList<double> b, WhiteBoxOptions options)
    {
        var cut = Percentile.CutOff(a.Concat(b), options.Crop);
        var croppedA = a.Where(x => x <= cut).ToArray();
        var croppedB = b.Where(x => x <= cut).ToArray();
        var welch = WelchTest.Compare(croppedA, croppedB);
        var rank = MannWhitneyTest.Compare(croppedA, croppedB);
        var medianA = Percentile.Median(croppedA);
        var medianB = Percentile.Median(croppedB);
        var floor = Math.Max(options.FloorNanoseconds, options.FloorFraction * Math.Min(medianA, medianB));
        var leaks = Math.Abs(welch.Statistic) >= options.TThreshold
            && rank.PValue <= options.RankAlpha
            && Math.Sign(welch.Statistic) == Math.Sign(rank.Statistic)
            && Math.Abs(medianB - medianA) >= floor;
        return new ClassComparison(name, croppedA.Length, croppedB.Length, medianA, medianB, welch, rank, leaks);
    }
}
