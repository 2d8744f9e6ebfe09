using Beamtalk.Conformance.Checks;

namespace Beamtalk.Conformance.Suite;

public sealed class NetworkRequirements : RequirementTest
{
    [Fact, Requirement("NET-LOOPBACK")]
    public Task Repl_listeners_bind_loopback_only() => VerifyAsync(NetworkChecks.ListenersAreLoopbackAsync);

    [Fact, Requirement("NET-EPHEMERAL")]
    public Task Two_workspaces_get_distinct_ephemeral_ports() => VerifyAsync(NetworkChecks.PortsAreEphemeralAsync);

    [Fact, Requirement("NET-ALL-LISTENERS")]
    public Task Every_listener_of_the_process_tree_is_loopback_or_unix() => VerifyAsync(NetworkChecks.AllListenersAreLocalAsync);

    [Fact, Requirement("NET-OPT-IN")]
    public Task A_network_bind_is_refused_without_opt_in_and_warned_with_it() => VerifyAsync(NetworkChecks.NetworkBindNeedsOptInAsync);

    [Fact, Requirement("NET-HOST")]
    public Task Upgrades_with_a_foreign_host_are_refused() => VerifyAsync(UpgradeChecks.ForeignHostsAreRefusedAsync);

    [Fact, Requirement("NET-UDS")]
    public Task The_compiler_daemon_socket_is_private_to_its_owner() => VerifyAsync(UnixSocketChecks.DaemonSocketIsPrivateAsync);
}
