using Beamtalk.Conformance.Checks;
using Beamtalk.Conformance.KnownBad;

namespace Beamtalk.Conformance.SelfTests;

/// <summary>
/// SECRET-TIMING on the known-bad workspace: each leak fails with the requirement's ID, the sound
/// fixture passes, and the upstream-like combination fails it too. Run alone (see <see cref="TimingCollection"/>).
/// </summary>
[Collection(nameof(TimingCollection))]
public sealed class TimingFixtureTests
{
    public const string Id = "SECRET-TIMING";

    [Fact, KnownBad(Id)]
    public Task A_compare_slower_the_more_leading_characters_match_fails_SECRET_TIMING() =>
        KnownBadAssert.FailsWithAsync(Id, KnownBadTarget.With(Defect.DelayGrowsWithSharedPrefix), TimingChecks.CookieCompareLeaksNoTimingAsync);

    [Fact, KnownBad(Id)]
    public Task A_compare_that_checks_the_length_first_fails_SECRET_TIMING() =>
        KnownBadAssert.FailsWithAsync(Id, KnownBadTarget.With(Defect.LengthCheckFirst), TimingChecks.CookieCompareLeaksNoTimingAsync);

    [Fact]
    public Task An_upstream_like_workspace_fails_SECRET_TIMING() =>
        KnownBadAssert.FailsWithAsync(Id, KnownBadTarget.With(UpstreamLikeFixtureTests.UpstreamShortfalls), TimingChecks.CookieCompareLeaksNoTimingAsync);

    [Fact]
    public async Task The_fixture_without_a_timing_defect_passes()
    {
        var evidence = await TimingChecks.CookieCompareLeaksNoTimingAsync(KnownBadTarget.Sound, TestContext.Current.CancellationToken);

        Assert.Equal(Id, evidence.RequirementId);
    }
}
