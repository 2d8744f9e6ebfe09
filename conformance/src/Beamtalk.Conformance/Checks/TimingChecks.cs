using Beamtalk.Conformance.Core;
using Beamtalk.Conformance.Observation;
using Beamtalk.Conformance.Targets;
using Beamtalk.Conformance.Timing;

namespace Beamtalk.Conformance.Checks;

/// <summary>
/// SECRET-TIMING, black-box: wrong cookies sharing no leading character with the real one, sharing
/// all but the last, and of a wrong length are timed over the socket (<see cref="BlackBoxTimingTest"/>).
/// A confirmed significant difference fails; none, at a fine enough resolution, passes; anything
/// else is Inconclusive. The real cookie is read only to derive the wrong ones.
/// </summary>
public static class TimingChecks
{
    private const string Id = "SECRET-TIMING";

    [Requirement(Id)]
    [KnownBad(Defect.DelayGrowsWithSharedPrefix)]
    [KnownBad(Defect.LengthCheckFirst)]
    [RunsAlone]
    public sealed class CookieCompareLeaksNoTiming : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var target = context.Target;
            context.RequireProtocol();
            var policy = TimingPolicy.For(context.Settings.Thorough);
            await using var instance = await context.StartInstanceAsync(cancellationToken);
            var cookie = instance.ReadCookie();
            var fingerprint = CookieForms.FingerprintOf(cookie);
            var seed = (int)(PropertyRun.ChooseSeed(context.Settings.Seed) & int.MaxValue);

            BlackBoxVerdict verdict;
            try
            {
                // Blocking socket calls on a thread of their own (see AuthRoundTrip), away from the pool the target's callbacks use.
                verdict = await Task.Factory.StartNew(
                    () => BlackBoxTimingTest.Run(instance.Port, cookie, policy, seed, cancellationToken),
                    cancellationToken,
                    TaskCreationOptions.LongRunning,
                    TaskScheduler.Default);
            }
            catch (UnexpectedReplyException e)
            {
                return new CheckResult.Inconclusive($"{e.Message}; AUTH-REJECT covers that, and there is no rejection to time.");
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
            {
                throw CheckEnd.Error($"{Id}: timing wrong cookies failed on the wire: {e.Message}", e);
            }

            await instance.StopAsync(cancellationToken);
            var detail = $"cookie sha256:{fingerprint}; {verdict.Describe()}";
            return verdict.Outcome switch
            {
                // A pass rules out only what the run could have seen: leaks of twice the resolution, and none below the effect a fail needs.
                TimingOutcome.NoLeak => new CheckResult.Pass(FormattableString.Invariant(
                    $"no leak above {Math.Max(2 * verdict.Resolution, verdict.Policy.MinimumEffectMicroseconds):0.00} µs per comparison at 95 % (black box, over the wire); a smaller leak, such as an early-exit compare's 0.1–0.3 µs, is below what this run could see (--thorough looks closer, a white-box comparator closer still); {detail}")),
                TimingOutcome.Leak => throw CheckEnd.Violation($"the cookie check's time depends on the presented value ({string.Join(", ", verdict.Rounds[^1].Comparisons.Where(c => c.Significant).Select(c => c.Name))}), confirmed in a second round; {detail}"),
                TimingOutcome.Unconfirmed => throw CheckEnd.Inconclusive($"a difference in the first round was not confirmed by the second; {detail}"),
                _ => throw CheckEnd.Inconclusive(FormattableString.Invariant($"no difference found, but the resolution is too coarse to claim none (the machine is too noisy; try {CheckSettings.ThoroughVariable}=1 or 'run --thorough'); {detail}")),
            };
        }
    }

    /// <summary>
    /// SECRET-TIMING, white-box: a comparator given as a delegate (secret, presented) is timed
    /// in-process by <see cref="WhiteBoxHarness"/> against a random secret of a cookie's shape.
    /// </summary>
    public static CheckResult ComparatorLeaksNoTiming(string name, Func<string, string, bool> comparator, WhiteBoxOptions? options = null, CancellationToken cancellationToken = default)
    {
        var secret = System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var seed = (int)(PropertyRun.ChooseSeed(null) & int.MaxValue);
        var report = WhiteBoxHarness.Run(comparator, secret, seed, options, cancellationToken);
        if (report.Leaks)
        {
            return new CheckResult.Violation($"{name}'s time depends on the presented value ({string.Join(", ", report.Comparisons.Where(c => c.Leaks).Select(c => c.Name))}); {report.Describe()}");
        }

        return new CheckResult.Pass($"{name}: no timing difference (white box); {report.Describe()}");
    }
}
