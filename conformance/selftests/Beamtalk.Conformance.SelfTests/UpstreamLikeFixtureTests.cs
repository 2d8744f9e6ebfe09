using Beamtalk.Conformance.Checks;

namespace Beamtalk.Conformance.SelfTests;

/// <summary>
/// A workspace with the shortfalls upstream has today (PROTOCOL.md, "where upstream falls short")
/// must fail exactly the matching requirements: no more (the checks do not blame one defect on
/// another requirement), no fewer (each shortfall is caught).
/// </summary>
public sealed class UpstreamLikeFixtureTests
{
    internal static readonly Defect[] UpstreamShortfalls =
    [
        Defect.ShortCookie,                      // 24 random bytes, not 32
        Defect.CookieInHelperArgv,               // cookie on a helper's command line (-setcookie)
        Defect.CookieInHelperEnv,                // and in another component's environment
        Defect.IgnoresOrigin,                    // no Origin check
        Defect.IgnoresHostHeader,                // no Host check
        Defect.NoPreAuthTimeout,                 // an unauthenticated socket may stay open forever
        Defect.DropsConnectionOnMalformedJson,   // 1e999 and lone surrogates crash the handler
        Defect.CookieUnderUmask,                 // folder and files created with the umask, the cookie written in place
        Defect.OpensUdpOnAllInterfaces,          // a distribution-like listener on 0.0.0.0
        Defect.LengthCheckFirst,                 // the byte length is checked before the fixed-time compare
    ];

    /// <summary>
    /// The upstream-like workspace fails exactly the requirements that have a known-bad fixture made only of its
    /// shortfalls: each shortfall is caught, and no check blames one defect on another requirement.
    /// </summary>
    [Fact]
    public async Task An_upstream_like_workspace_fails_exactly_the_matching_requirements()
    {
        var target = KnownBadTarget.With(UpstreamShortfalls);
        // The timing check must run alone (TimingFixtureTests runs it on this target); Python checks need a sandbox.
        var checks = CheckRegistry.All.Where(c => !c.RunsAlone && !c.KnownBad.SelectMany(k => k.Defects).Any(KnownBadTarget.IsPythonSandbox)).ToList();
        var expected = checks
            .Where(c => c.KnownBad.Any(k => k.Defects.All(UpstreamShortfalls.Contains)))
            .Select(c => c.Requirement.Id)
            .ToHashSet(StringComparer.Ordinal);
        var failed = new SortedSet<string>(StringComparer.Ordinal);
        var undecided = new List<string>();
        var reasons = new List<string>();
        var absent = new List<string>();
        var unjudged = new HashSet<string>(StringComparer.Ordinal);
        foreach (var check in checks)
        {
            var result = await KnownBadAssert.RunAsync(check, target);
            switch (result)
            {
                case CheckResult.Violation:
                    failed.Add(check.Requirement.Id);
                    reasons.Add($"{check.Requirement.Id}: {result.Text}");
                    break;
                case CheckResult.Missing { PrerequisiteAbsent: true }:
                    // Judged without it: whatever the other checks show must still hold, then the test says what it could not run.
                    absent.Add($"{check.Name}: {result.Text}");
                    unjudged.Add(check.Requirement.Id);
                    break;
                case CheckResult.Pass or CheckResult.Caveat:
                    break;
                default:
                    undecided.Add($"{check.Name}: {result.Kind}: {result.Text}");
                    break;
            }
        }

        Assert.True(undecided.Count == 0, $"checks that could not decide: {string.Join(" | ", undecided)}");
        // A requirement one of whose checks could not run is left out on both sides: its other check may still fail it.
        var judged = expected.Except(unjudged).Order(StringComparer.Ordinal).ToList();
        Assert.True(judged.SequenceEqual(failed.Except(unjudged)), $"expected failures {string.Join(", ", judged)}; got: {string.Join(" | ", reasons)}");
        NeedsRoot.SkipWhenAbsent(absent.Count > 0 ? string.Join(" | ", absent) : null);
    }
}
