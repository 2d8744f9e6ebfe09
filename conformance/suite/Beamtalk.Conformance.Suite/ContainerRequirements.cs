using Beamtalk.Conformance.Checks;

namespace Beamtalk.Conformance.Suite;

public sealed class ContainerRequirements : RequirementTest
{
    [Fact, Requirement("CT-ROOT-READS-COOKIE")]
    public Task A_second_root_process_reads_the_cookie_of_a_root_workspace() => VerifyAsync(ContainerChecks.RootReadsTheCookieAsync);

    [Fact, Requirement("CT-BRIDGE-NOT-EXPOSED")]
    public Task Publishing_the_port_on_the_bridge_does_not_expose_the_repl() => VerifyAsync(ContainerChecks.PublishedPortDoesNotExposeTheReplAsync);

    [Fact, Requirement("CT-HOST-NETWORK")]
    public Task With_host_networking_a_host_process_reaches_the_port_and_authentication_holds() => VerifyAsync(ContainerChecks.HostNetworkReachesThePortAsync);

    [Fact, Requirement("CT-NONROOT")]
    public Task Another_container_user_cannot_read_the_cookie() => VerifyAsync(ContainerChecks.OtherUserCannotReadTheCookieAsync);
}
