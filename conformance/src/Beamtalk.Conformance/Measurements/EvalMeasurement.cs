using System.Diagnostics;
using System.Globalization;
using Beamtalk.Conformance.Targets;
using Beamtalk.Conformance.Timing;
using Beamtalk.Conformance.Wire;
using Beamtalk.Conformance.Wire.Protocol;

namespace Beamtalk.Conformance.Measurements;

/// <summary>
/// Figures for <c>make bench</c>: the authenticated eval round trip of <c>1 + 2</c>, and how long compiler
/// bombs take to come back as error replies. Printed, never asserted.
/// </summary>
public static class EvalMeasurement
{
    public static async Task<IReadOnlyList<string>> MeasureAsync(Target target, int roundTrips, CancellationToken cancellationToken)
    {
        await using var instance = target.NewInstance();
        await instance.StartAsync(cancellationToken);
        await using var session = await ReplProtocol.AuthenticateAsync(instance.Port, instance.ReadCookie(), cancellationToken);
        var lines = new List<string>();

        // The first eval may start the session's compiler process: reported on its own, not mixed into the percentiles.
        var first = await TimeAsync(session, "1 + 2", target.Description.ResourceLimit, cancellationToken);
        lines.Add($"{target.Name} first eval of '1 + 2' in a new session: {first.Elapsed.TotalMilliseconds:0.0} ms");

        var samples = new List<double>();
        for (var i = 0; i < roundTrips; i++)
        {
            samples.Add((await TimeAsync(session, "1 + 2", target.Description.ResourceLimit, cancellationToken)).Elapsed.TotalMilliseconds);
        }

        lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"{target.Name} authenticated eval round trip of '1 + 2': p50 {Percentile.Of(samples, 0.5):0.00} ms, p99 {Percentile.Of(samples, 0.99):0.00} ms over {samples.Count} evals"));

        foreach (var (name, source, runs) in new (string, string, int)[]
        {
            ("100,000-deep parentheses", new string('(', 100_000) + "1" + new string(')', 100_000), 5),
            ("a 50 MB source", "1" + string.Concat(Enumerable.Repeat(" - 1", 12_500_000)), 1),
            ("a keyword message with a million parts", "nil" + string.Concat(Enumerable.Repeat(" k: 1", 1_400_000)), 1),
        })
        {
            var times = new List<double>();
            var ending = string.Empty;
            for (var run = 0; run < runs; run++)
            {
                var (elapsed, reply) = await TimeAsync(session, source, target.Description.ResourceLimit, cancellationToken);
                times.Add(elapsed.TotalMilliseconds);
                ending = reply?.Kind ?? (reply?.Error is not null ? "error" : reply is null ? "no reply" : "a value");
            }

            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"{target.Name} compiler bomb ({name}) to its reply: median {Percentile.Median(times):0} ms, max {times.Max():0} ms over {runs} run(s), ending in {ending}"));
        }

        return lines;
    }

    private static async Task<(TimeSpan Elapsed, Reply? Reply)> TimeAsync(ReplSessionClient session, string code, TimeSpan bound, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var reply = await session.EvalAsync(code, cancellationToken, bound);
            return (clock.Elapsed, reply);
        }
        catch (InvalidOperationException)
        {
            return (clock.Elapsed, null);
        }
    }
}
