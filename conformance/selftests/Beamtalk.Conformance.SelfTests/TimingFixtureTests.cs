using Beamtalk.Conformance.Checks;

namespace Beamtalk.Conformance.SelfTests;

/// <summary>The timing check on the upstream-like combination of defects. Run alone (see <see cref="TimingCollection"/>).</summary>
[Collection(nameof(TimingCollection))]
public sealed class TimingFixtureTests
{
    [Fact]
    public async Task An_upstream_like_workspace_fails_the_timing_check()
    {
        var check = CheckRegistry.All.Single(c => c.Type == typeof(TimingChecks.CookieCompareLeaksNoTiming));
        KnownBadAssert.Violated(check, await KnownBadAssert.RunAsync(check, KnownBadTarget.With(UpstreamLikeFixtureTests.UpstreamShortfalls)));
    }
}
