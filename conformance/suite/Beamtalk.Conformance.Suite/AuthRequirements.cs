using Beamtalk.Conformance.Checks;

namespace Beamtalk.Conformance.Suite;

public sealed class AuthRequirements : RequirementTest
{
    [Fact, Requirement("AUTH-NO-EVAL-BEFORE-AUTH")]
    public Task Nothing_sent_before_authentication_is_evaluated() => VerifyAsync(AuthChecks.NothingRunsBeforeAuthAsync);

    [Fact, Requirement("AUTH-REJECT")]
    public Task Every_wrong_cookie_is_rejected_with_1008() => VerifyAsync(AuthChecks.WrongCookiesAreRejectedAsync);

    [Fact, Requirement("AUTH-ORIGIN")]
    public Task Upgrades_with_a_foreign_origin_are_refused() => VerifyAsync(UpgradeChecks.ForeignOriginsAreRefusedAsync);

    [Fact, Requirement("AUTH-PREAUTH-TIMEOUT")]
    public Task Idle_unauthenticated_sockets_are_closed() => VerifyAsync(SessionChecks.IdleUnauthenticatedSocketsAreClosedAsync);

    [Fact, Requirement("AUTH-PREAUTH-TIMEOUT")]
    public Task Unauthenticated_sockets_that_keep_sending_are_closed_too() => VerifyAsync(SessionChecks.ChattyUnauthenticatedSocketsAreClosedAsync);

    [Fact, Requirement("AUTH-FLOOD")]
    public Task A_flood_of_bad_auth_does_not_starve_the_owner() => VerifyAsync(FloodChecks.OwnerIsNotStarvedByAFloodAsync);

    [Fact, Requirement("AUTH-PRIVILEGED-OPS")]
    public Task Shutdown_rechecks_the_cookie() => VerifyAsync(SessionChecks.ShutdownRechecksTheCookieAsync);
}
