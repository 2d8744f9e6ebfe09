using Beamtalk.Conformance.Checks;

namespace Beamtalk.Conformance.Suite;

public sealed class BrowserRequirements : RequirementTest
{
    [Fact, Requirement("BR-CROSS-SITE")]
    public Task Pages_from_other_origins_complete_no_websocket_handshake() => VerifyAsync(BrowserChecks.CrossSiteSocketsFailAsync);

    [Fact, Requirement("BR-REBINDING")]
    public Task A_page_under_a_rebound_name_is_refused() => VerifyAsync(BrowserChecks.RebindingPagesAreRefusedAsync);
}
