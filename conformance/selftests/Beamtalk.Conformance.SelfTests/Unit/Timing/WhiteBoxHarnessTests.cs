using Beamtalk.Conformance.Checks;
using Beamtalk.Conformance.Timing;
using Beamtalk.Workspace.Storage;

namespace Beamtalk.Conformance.SelfTests.Unit.Timing;

/// <summary>
/// The white-box harness finds the two leaks ADR 0058 names and passes the reference's comparator.
/// Nothing here asserts a duration: how fast it finds them is a figure of `make bench-timing`.
/// </summary>
[Collection(nameof(TimingCollection))]
public sealed class WhiteBoxHarnessTests
{
    [Fact]
    public void An_early_exit_compare_fails_the_white_box_on_the_shared_prefix()
    {
        var violation = Assert.IsType<CheckResult.Violation>(
            TimingChecks.ComparatorLeaksNoTiming("early-exit compare", LeakyComparers.EarlyExit, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("shared prefix", violation.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_upstream_like_length_check_first_compare_fails_the_white_box_on_the_length()
    {
        var violation = Assert.IsType<CheckResult.Violation>(
            TimingChecks.ComparatorLeaksNoTiming("length-check-first compare", LeakyComparers.LengthCheckFirst, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("length", violation.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_reference_comparator_passes_the_white_box()
    {
        var result = TimingChecks.ComparatorLeaksNoTiming("reference CookieComparer", CookieComparer.FixedTimeEquals, cancellationToken: TestContext.Current.CancellationToken);
        Assert.IsType<CheckResult.Pass>(result);
    }

    [Fact]
    public void Both_leaky_comparators_still_answer_correctly()
    {
        // The harness must find the leak in comparators that work, not in broken ones.
        foreach (var compare in (Func<string, string, bool>[])[LeakyComparers.EarlyExit, LeakyComparers.LengthCheckFirst])
        {
            Assert.True(compare("secret-value", "secret-value"));
            Assert.False(compare("secret-value", "secret-valuE"));
            Assert.False(compare("secret-value", "secret-valu"));
        }
    }

    [Fact]
    public void Cropping_is_blind_to_the_class()
    {
        // One class entirely above the other: a per-class cut would keep both, the pooled cut drops the top of the slow class only.
        double[] fast = [.. Enumerable.Range(0, 100).Select(i => 10.0 + (i % 10))];
        double[] slow = [.. fast.Select(x => x + 100)];
        var comparison = WhiteBoxHarness.Compare("test", fast, slow, new WhiteBoxOptions { Crop = 0.9 });
        Assert.Equal(100, comparison.CountA);
        Assert.True(comparison.CountB < 100);
        Assert.True(comparison.Leaks);
    }
}
