using System.Text.RegularExpressions;
using Beamtalk.Conformance.Checks;
using Beamtalk.Conformance.Targets;

namespace Beamtalk.Conformance.SelfTests;

/// <summary>The one way a self-test shows a check fails on a known-bad target, and for the right reason.</summary>
internal static partial class KnownBadAssert
{
    /// <returns>The violation, for tests that also pin down which of a check's rules the defect broke.</returns>
    public static async Task<RequirementViolationException> FailsWithAsync(string id, Target target, Func<Target, CancellationToken, Task<Evidence>> check)
    {
        var violation = await Assert.ThrowsAsync<RequirementViolationException>(() => check(target, TestContext.Current.CancellationToken));
        Assert.Equal(id, violation.RequirementId);
        Assert.StartsWith($"{id}: ", violation.Message, StringComparison.Ordinal);
        // A failure message is printed in CI logs: it may name a fingerprint, never a 256-bit secret.
        Assert.DoesNotMatch(SecretLikeRun(), violation.Message);
        return violation;
    }

    [GeneratedRegex("[A-Za-z0-9_-]{43}|[0-9a-fA-F]{64}")]
    private static partial Regex SecretLikeRun();
}
