using System.Text.RegularExpressions;
using Beamtalk.Conformance.Checks;
using Beamtalk.Conformance.KnownBad;
using Beamtalk.Conformance.Targets;

namespace Beamtalk.Conformance.SelfTests;

/// <summary>
/// AUTH-ROBUST and AUTH-NO-ECHO fail on a fixture with exactly their defect, and pass on the same
/// fixture without it, so the defect is the cause.
/// </summary>
public sealed partial class RobustnessFixtureTests
{
    private static readonly (string Id, Defect Defect, Func<Target, CancellationToken, Task<Evidence>> Check)[] Cases =
    [
        ("AUTH-ROBUST", Defect.DropsConnectionOnMalformedJson, RobustnessChecks.PreAuthInputIsClosedCleanlyAsync),
        ("AUTH-NO-ECHO", Defect.EchoesPreAuthInput, RobustnessChecks.PreAuthInputIsNeverEchoedAsync),
    ];

    [Fact, KnownBad("AUTH-ROBUST")]
    public Task Dropping_the_connection_on_malformed_json_fails_AUTH_ROBUST() => AssertFailsAsync(Defect.DropsConnectionOnMalformedJson);

    [Fact, KnownBad("AUTH-NO-ECHO")]
    public Task Quoting_the_first_message_in_auth_error_fails_AUTH_NO_ECHO() => AssertFailsAsync(Defect.EchoesPreAuthInput);

    public static TheoryData<string> Requirements => [.. Cases.Select(c => c.Id)];

    [Theory, MemberData(nameof(Requirements))]
    public async Task The_fixture_without_its_defect_passes(string id)
    {
        var (_, _, check) = Cases.Single(c => c.Id == id);
        var evidence = await check(KnownBadTarget.Sound, TestContext.Current.CancellationToken);
        Assert.Equal(id, evidence.RequirementId);
    }

    private static async Task AssertFailsAsync(Defect defect)
    {
        var (id, _, check) = Cases.Single(c => c.Defect == defect);
        var violation = await Assert.ThrowsAsync<RequirementViolationException>(() => check(KnownBadTarget.With(defect), TestContext.Current.CancellationToken));
        Assert.Equal(id, violation.RequirementId);
        Assert.StartsWith($"{id}: ", violation.Message, StringComparison.Ordinal);
        // A failure message is printed in CI logs: it may name a fingerprint, never a 256-bit secret.
        Assert.DoesNotMatch(SecretLikeRun(), violation.Message);
    }

    [GeneratedRegex("[A-Za-z0-9_-]{43}|[0-9a-fA-F]{64}")]
    private static partial Regex SecretLikeRun();
}
