using Beamtalk.Conformance.Checks;

namespace Beamtalk.Conformance.Suite;

public sealed class NetworkRequirements : RequirementTest
{
    [Fact, Requirement("NET-LOOPBACK")]
    public Task Repl_listeners_bind_loopback_only() => VerifyAsync(NetworkChecks.ListenersAreLoopbackAsync);

    [Fact, Requirement("NET-EPHEMERAL")]
    public Task Two_workspaces_get_distinct_ephemeral_ports() => VerifyAsync(NetworkChecks.PortsAreEphemeralAsync);
}
