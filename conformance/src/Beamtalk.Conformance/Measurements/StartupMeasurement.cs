using System.Diagnostics;
using Beamtalk.Conformance.Targets;
using Beamtalk.Conformance.Wire;

namespace Beamtalk.Conformance.Measurements;

/// <summary>One cold start: from launching the start command to the first auth_ok on a fresh connection.</summary>
public sealed record StartupSample(TimeSpan UntilReady, TimeSpan UntilAuthenticated);

/// <summary>
/// Measures how long a target takes from a cold start to its first authenticated session. This is a
/// benchmark, printed as figures; no test asserts on its timings.
/// </summary>
public static class StartupMeasurement
{
    public static async Task<StartupSample> MeasureOnceAsync(Target target, CancellationToken cancellationToken)
    {
        await using var instance = target.NewInstance();
        await instance.CreateAsync(cancellationToken);
        var clock = Stopwatch.StartNew();
        await instance.StartAsync(cancellationToken);
        var ready = clock.Elapsed;
        await using (await ReplProtocol.AuthenticateAsync(instance.Port, instance.ReadCookie(), cancellationToken))
        {
            return new StartupSample(ready, clock.Elapsed);
        }
    }

    public static string Summarise(string what, IEnumerable<TimeSpan> samples)
    {
        var sorted = samples.Select(s => s.TotalMilliseconds).Order().ToArray();
        var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        return $"{what}: median {median:0} ms, min {sorted[0]:0} ms, max {sorted[^1]:0} ms over {sorted.Length} runs";
    }
}
