using System.Globalization;
using Beamtalk.Conformance.Observation;
using Beamtalk.Conformance.Targets;

namespace Beamtalk.Conformance.Checks;

/// <summary>NET-*: what the workspace exposes on the network, observed from the kernel's socket tables.</summary>
public static class NetworkChecks
{
    /// <summary>NET-LOOPBACK: every TCP listener of the workspace's process tree is on a loopback address.</summary>
    public static async Task<Evidence> ListenersAreLoopbackAsync(Target target, CancellationToken cancellationToken)
    {
        const string id = "NET-LOOPBACK";
        await using var instance = target.NewInstance();
        await instance.StartAsync(cancellationToken);

        var processes = instance.Processes();
        var listeners = SocketTable.ListenersOf(processes).Where(l => l.Kind == SocketKind.Tcp).ToList();
        if (listeners.Count == 0)
        {
            throw new CheckInconclusiveException(id, $"no TCP listener found in the workspace's process tree (pids {string.Join(", ", processes)}); the pid file may not name the server.");
        }

        if (!listeners.Any(l => l.Endpoint!.Port == instance.Port))
        {
            throw new CheckInconclusiveException(id, $"the published port {instance.Port} is not held by the process tree, whose listeners are {string.Join(", ", listeners)}.");
        }

        var exposed = listeners.Where(l => !l.IsLoopbackOrUnix).ToList();
        if (exposed.Count > 0)
        {
            throw new RequirementViolationException(id, $"listening beyond loopback by default: {string.Join(", ", exposed)}.");
        }

        return new Evidence(id, $"{listeners.Count} TCP listener(s), all loopback: {string.Join(", ", listeners.Select(l => l.Endpoint))}.");
    }

    /// <summary>NET-EPHEMERAL: two workspaces get OS-assigned ports from the ephemeral range, and they differ.</summary>
    public static async Task<Evidence> PortsAreEphemeralAsync(Target target, CancellationToken cancellationToken)
    {
        const string id = "NET-EPHEMERAL";
        var (low, high) = EphemeralRange();
        await using var first = target.NewInstance();
        await using var second = target.NewInstance();
        await Task.WhenAll(first.StartAsync(cancellationToken), second.StartAsync(cancellationToken));

        var ports = new[] { first.Port, second.Port };
        var outside = ports.Where(p => p < low || p > high).ToList();
        if (outside.Count > 0)
        {
            throw new RequirementViolationException(id, $"port(s) {string.Join(", ", outside)} lie outside the ephemeral range {low}-{high}: the port is fixed or chosen by the target, not by the OS.");
        }

        if (first.Port == second.Port)
        {
            throw new RequirementViolationException(id, $"two workspaces report the same port {first.Port}.");
        }

        return new Evidence(id, $"ports {first.Port} and {second.Port}, both in the ephemeral range {low}-{high}.");
    }

    private static (int Low, int High) EphemeralRange()
    {
        var fields = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        return (int.Parse(fields[0], CultureInfo.InvariantCulture), int.Parse(fields[1], CultureInfo.InvariantCulture));
    }
}
