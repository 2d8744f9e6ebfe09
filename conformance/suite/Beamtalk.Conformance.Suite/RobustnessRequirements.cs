using Beamtalk.Conformance.Checks;

namespace Beamtalk.Conformance.Suite;

public sealed class RobustnessRequirements : RequirementTest
{
    [Fact, Requirement("AUTH-ROBUST")]
    public Task Malformed_pre_auth_input_gets_a_clean_close() => VerifyAsync(RobustnessChecks.PreAuthInputIsClosedCleanlyAsync);

    [Fact, Requirement("AUTH-NO-ECHO")]
    public Task Unauthenticated_input_is_never_echoed() => VerifyAsync(RobustnessChecks.PreAuthInputIsNeverEchoedAsync);
}
