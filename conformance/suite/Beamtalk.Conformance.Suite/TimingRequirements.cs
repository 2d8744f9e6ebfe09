using Beamtalk.Conformance.Checks;

namespace Beamtalk.Conformance.Suite;

/// <summary>Tests that measure time: run alone, after every other test, so the suite's own load does not blur microsecond differences.</summary>
[CollectionDefinition(nameof(TimingCollection), DisableParallelization = true)]
public sealed class TimingCollection;

[Collection(nameof(TimingCollection))]
public sealed class TimingRequirements : RequirementTest
{
    [Fact, Requirement("SECRET-TIMING")]
    public Task Wrong_cookies_take_the_same_time_whatever_they_share_with_the_real_one() => VerifyAsync(TimingChecks.CookieCompareLeaksNoTimingAsync);
}
