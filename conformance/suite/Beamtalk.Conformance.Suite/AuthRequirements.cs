using Beamtalk.Conformance.Checks;

namespace Beamtalk.Conformance.Suite;

public sealed class AuthRequirements : RequirementTest
{
    [Fact, Requirement("AUTH-NO-EVAL-BEFORE-AUTH")]
    public Task Nothing_sent_before_authentication_is_evaluated() => VerifyAsync(AuthChecks.NothingRunsBeforeAuthAsync);

    [Fact, Requirement("AUTH-REJECT")]
    public Task Every_wrong_cookie_is_rejected_with_1008() => VerifyAsync(AuthChecks.WrongCookiesAreRejectedAsync);
}
