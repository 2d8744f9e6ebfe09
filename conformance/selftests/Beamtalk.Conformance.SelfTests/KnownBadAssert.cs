using System.Text.RegularExpressions;
using Beamtalk.Conformance.Checks;
using Beamtalk.Conformance.Targets;

namespace Beamtalk.Conformance.SelfTests;

/// <summary>The one way a self-test runs a check against a fixture and judges what it concluded.</summary>
internal static partial class KnownBadAssert
{
    public static Task<CheckResult> RunAsync(RegisteredCheck check, Target target) =>
        CheckExecutor.RunAsync(check, new CheckContext(check.Requirement, target, CheckSettings.FromEnvironment()), TestContext.Current.CancellationToken);

    public static Task<CheckResult> RunAsync<TCheck>(Target target)
        where TCheck : ICheck =>
        RunAsync(CheckRegistry.All.Single(c => c.Type == typeof(TCheck)), target);

    /// <summary>The check ended in a violation (containing <paramref name="because"/> when given), and said nothing secret.</summary>
    public static CheckResult.Violation Violated(RegisteredCheck check, CheckResult result, string? because = null)
    {
        SkipWhenAPrerequisiteIsAbsent(result);
        var violation = result as CheckResult.Violation
            ?? throw new Xunit.Sdk.XunitException($"{check.Name} should end in a violation of {check.Requirement.Id}, but ended {result.Kind}: {result.Text}");
        if (because is not null)
        {
            Assert.Contains(because, violation.Text, StringComparison.Ordinal);
        }

        // A failure message is printed in CI logs: it may name a fingerprint, never a 256-bit secret.
        Assert.DoesNotMatch(SecretLikeRun(), violation.Text);
        TestContext.Current.TestOutputHelper?.WriteLine($"{check.Requirement.Id}: {violation.Text}");
        return violation;
    }

    /// <summary>The check passed (or showed its caveat as documented).</summary>
    public static CheckResult Held(RegisteredCheck check, CheckResult result)
    {
        SkipWhenAPrerequisiteIsAbsent(result);
        Assert.True(result is CheckResult.Pass or CheckResult.Caveat, $"{check.Name} on the sound fixture: {result.Kind}: {result.Text}");
        return result;
    }

    /// <summary>
    /// A check that needs root (a second OS user, a network namespace, a Docker engine) cannot judge a fixture without it:
    /// the self-test is skipped with the reason, never passed. Under CI=true the executor has already turned it into an error.
    /// </summary>
    private static void SkipWhenAPrerequisiteIsAbsent(CheckResult result) =>
        NeedsRoot.SkipWhenAbsent(result is CheckResult.Missing { PrerequisiteAbsent: true } ? result.Text : null);

    [GeneratedRegex("[A-Za-z0-9_-]{43}|[0-9a-fA-F]{64}")]
    private static partial Regex SecretLikeRun();
}
