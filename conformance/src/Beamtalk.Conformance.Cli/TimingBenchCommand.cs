using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Beamtalk.Conformance.Targets;
using Beamtalk.Conformance.Timing;

namespace Beamtalk.Conformance.Cli;

/// <summary>
/// <c>beamtalk-conformance timing-bench</c>: the SECRET-TIMING detector's own figures, measured,
/// never asserted: detection rate on the leaky fixtures, false alarms on the reference, white-box
/// detection time, and black-box resolution against time and sample count (with a PNG plot).
/// </summary>
internal static class TimingBenchCommand
{
    public static Command Build()
    {
        var reference = new Option<FileInfo>("--reference-cli") { Description = "The reference 'beamtalk' executable.", Required = true };
        var knownBad = new Option<FileInfo?>("--known-bad") { Description = "The self-tests' known-bad-workspace executable, for the leaky fixtures (omit: skip them)." };
        var runs = new Option<int>("--runs") { Description = "Black-box runs per leaky fixture (0 skips).", DefaultValueFactory = _ => 20 };
        var referenceRuns = new Option<int>("--reference-runs") { Description = "Black-box runs against the reference, counting false alarms (0 skips).", DefaultValueFactory = _ => 100 };
        var whiteBoxRuns = new Option<int>("--white-box-runs") { Description = "White-box runs per comparator (0 skips).", DefaultValueFactory = _ => 20 };
        var curveSeconds = new Option<int>("--curve-seconds") { Description = "Length of the resolution-against-samples run on the reference (0 skips).", DefaultValueFactory = _ => 60 };
        var plot = new Option<FileInfo>("--plot") { Description = "Where to write the PNG of resolution against sample count.", DefaultValueFactory = _ => new FileInfo("docs/timing-resolution.png") };
        var command = new Command("timing-bench", "Figures, not assertions: how well the SECRET-TIMING detector detects, how often it false-alarms, and what resolution it reaches in what time.")
        {
            reference, knownBad, runs, referenceRuns, whiteBoxRuns, curveSeconds, plot,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var referenceTarget = new Target(ReferenceTarget.Describe(result.GetValue(reference)!.FullName));
            var policy = TimingPolicy.For(Core.CheckSettings.FromEnvironment().Thorough);
            Console.WriteLine($"SECRET-TIMING bench, {Environment.ProcessorCount} cores, {(policy.IsThorough ? "thorough" : "default")} policy, {DateTime.UtcNow:yyyy-MM-dd}");

            if (result.GetValue(whiteBoxRuns) is > 0 and var wb)
            {
                WhiteBox("early-exit compare", LeakyComparers.EarlyExit, wb, cancellationToken);
                WhiteBox("length-check-first compare", LeakyComparers.LengthCheckFirst, wb, cancellationToken);
                WhiteBox("hashed fixed-time compare (the remedy; the reference's own comparator is timed by the self-tests)", LeakyComparers.HashedFixedTime, wb, cancellationToken);
            }

            if (result.GetValue(knownBad) is { } fixture && result.GetValue(runs) is > 0 and var n)
            {
                foreach (var defect in (string[])["DelayGrowsWithSharedPrefix", "LengthCheckFirst"])
                {
                    await BlackBoxAsync($"fixture {defect}", KnownBadTarget(fixture.FullName, defect), n, policy, cancellationToken);
                }
            }

            if (result.GetValue(referenceRuns) is > 0 and var r)
            {
                await BlackBoxAsync("reference", referenceTarget, r, policy, cancellationToken);
            }

            if (result.GetValue(curveSeconds) is > 0 and var seconds)
            {
                var points = await CurveAsync(referenceTarget, TimeSpan.FromSeconds(seconds), cancellationToken);
                var file = result.GetValue(plot)!;
                file.Directory?.Create();
                await File.WriteAllBytesAsync(file.FullName, ResolutionChart.Render(points), cancellationToken);
                Console.WriteLine($"plot: {Path.GetRelativePath(Environment.CurrentDirectory, file.FullName)}");
            }

            return ExitCodes.Pass;
        });
        return command;
    }

    private static void WhiteBox(string name, Func<string, string, bool> comparator, int runs, CancellationToken cancellationToken)
    {
        var secret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var found = 0;
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var report = WhiteBoxHarness.Run(comparator, secret, Random.Shared.Next(), cancellationToken: cancellationToken);
            if (report.Leaks)
            {
                found++;
                times.Add(report.Elapsed.TotalSeconds);
            }

            if (i == 0)
            {
                Console.WriteLine($"  white-box {name}, first run: {report.Describe()}");
            }
        }

        var timing = times.Count == 0 ? string.Empty : Invariant($"; time to detection median {Percentile.Median(times):0.00} s, max {times.Max():0.00} s (plus 0.3 s warm-up)");
        Console.WriteLine($"white-box {name}: leak reported in {found} of {runs} runs{timing}");
    }

    private static async Task BlackBoxAsync(string name, Target target, int runs, TimingPolicy policy, CancellationToken cancellationToken)
    {
        await using var instance = target.NewInstance();
        await instance.StartAsync(cancellationToken);
        var cookie = instance.ReadCookie();
        var outcomes = new Dictionary<TimingOutcome, int>();
        var durations = new List<double>();
        var resolutions = new List<double>();
        for (var i = 1; i <= runs; i++)
        {
            var clock = Stopwatch.StartNew();
            var verdict = await Task.Factory.StartNew(() => BlackBoxTimingTest.Run(instance.Port, cookie, policy, Random.Shared.Next(), cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            durations.Add(clock.Elapsed.TotalSeconds);
            resolutions.Add(verdict.Resolution);
            outcomes[verdict.Outcome] = outcomes.GetValueOrDefault(verdict.Outcome) + 1;
            var round = verdict.Rounds[0];
            Console.WriteLine(Invariant($"  [{name} {i,3}/{runs}] {verdict.Outcome,-11} {clock.Elapsed.TotalSeconds,5:0.0} s  resolution {verdict.Resolution:0.00} µs  prefix {round.Comparisons[0].Interval.Median:+0.00;-0.00} µs  length {round.Comparisons[1].Interval.Median:+0.00;-0.00} µs  ({round.Blocks} blocks, {round.StoppedBecause})"));
        }

        await instance.StopAsync(cancellationToken);
        var counts = string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}"));
        Console.WriteLine(Invariant($"black-box {name}: {counts} of {runs} runs; time per run median {Percentile.Median(durations):0.0} s, max {durations.Max():0.0} s; resolution median {Percentile.Median(resolutions):0.00} µs, worst {resolutions.Max():0.00} µs"));
    }

    /// <summary>One long round on the reference that never stops early, printing the resolution at each look.</summary>
    private static async Task<IReadOnlyList<(double Pairs, double Seconds, double Resolution)>> CurveAsync(Target target, TimeSpan length, CancellationToken cancellationToken)
    {
        await using var instance = target.NewInstance();
        await instance.StartAsync(cancellationToken);
        var cookie = instance.ReadCookie();
        var policy = TimingPolicy.Default with { TargetResolutionMicroseconds = 0, OverwhelmingP = 0, LookEvery = 300 };
        var points = new List<(double Pairs, double Seconds, double Resolution)>();
        var progress = new Synchronous<TimingRound>(round =>
        {
            var kept = round.Blocks - round.Dropped;
            points.Add((kept, round.Elapsed.TotalSeconds, round.Resolution));
            Console.WriteLine(Invariant($"  curve: {round.Blocks,6} blocks ({kept} kept) {round.Elapsed.TotalSeconds,6:0.0} s  resolution {round.Resolution:0.000} µs (prefix {round.Comparisons[0].Resolution:0.000}, length {round.Comparisons[1].Resolution:0.000})"));
        });
        var random = new Random(Random.Shared.Next());
        await Task.Factory.StartNew(() => BlackBoxSampler.RunRound(instance.Port, new TimingInputs(cookie, random), policy, length, random, cancellationToken, progress), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await instance.StopAsync(cancellationToken);
        foreach (var target1 in (double[])[2.5, 1.0, 0.5])
        {
            var reached = points.FirstOrDefault(p => p.Resolution <= target1);
            Console.WriteLine(reached == default
                ? Invariant($"resolution {target1} µs: not reached in {length.TotalSeconds:0} s")
                : Invariant($"resolution {target1} µs: reached after {reached.Pairs:0} kept blocks, {reached.Seconds:0.0} s"));
        }

        return points;
    }

    private static Target KnownBadTarget(string program, string defect) => new(new TargetDescription(
        $"known-bad:{defect}",
        $"The self-tests' known-bad workspace with defect {defect}.",
        WireProtocol.BeamtalkWebSocketV1,
        StartMode.Foreground,
        new TargetCommands(Start: [program, "{workspaceDir}", defect]),
        new TargetLayout("{home}/workspaces/{workspace}", "cookie", "port", PidFile: null, Outputs: []),
        Environment: null,
        Canary: "File writeAll: \"{path}\" contents: \"{token}\"",
        ReadyTimeoutSeconds: 30,
        PreAuthTimeoutSeconds: 10,
        RotationEndsSessions: false));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reports on the sampling thread itself: Progress&lt;T&gt; would post to the pool, out of order.</summary>
    private sealed class Synchronous<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
