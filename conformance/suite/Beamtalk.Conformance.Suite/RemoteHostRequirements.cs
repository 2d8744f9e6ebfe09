using Beamtalk.Conformance.Checks;

namespace Beamtalk.Conformance.Suite;

public sealed class RemoteHostRequirements : RequirementTest
{
    [Fact, Requirement("NET-LOOPBACK")]
    public Task Repl_is_not_reachable_from_another_host() => VerifyAsync(RemoteHostChecks.NotReachableFromAnotherHostAsync);
}
