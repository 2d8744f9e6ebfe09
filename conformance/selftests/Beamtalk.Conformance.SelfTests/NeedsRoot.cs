using Beamtalk.Conformance.Core;

namespace Beamtalk.Conformance.SelfTests;

/// <summary>
/// The one way a self-test that needs root (a second OS user, a network namespace, a Docker engine) says it could
/// not run: skipped with <see cref="Prerequisite.SkipReason"/> and the reason, never passed. Under CI=true the kit is
/// expected to have set everything up, so the test runs on and fails instead.
/// </summary>
internal static class NeedsRoot
{
    /// <summary>Skips when <paramref name="unavailability"/> (why the prerequisite cannot be had) is not null, unless CI=true.</summary>
    public static void SkipWhenAbsent(string? unavailability)
    {
        if (unavailability is not null && !CheckSettings.FromEnvironment().PrerequisitesRequired)
        {
            Assert.Skip(Prerequisite.SkipReason + unavailability);
        }
    }

    /// <summary>Network namespaces and veth pairs (CAP_NET_ADMIN and CAP_SYS_ADMIN, and iproute2).</summary>
    public static void SkipWithoutNetworkNamespaces() => SkipWhenAbsent(Observation.NetworkNamespace.Unavailability());
}
