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
        var before = Scan(instance, id);

        // Listeners opened on first use (a debug endpoint, a lazily started node) count too.
        if (target.SpeaksProtocol)
        {
            await using var session = await Wire.ReplProtocol.AuthenticateAsync(instance.Port, instance.ReadCookie(), cancellationToken);
            await session.EvalAsync(instance.Canary(Path.Combine(instance.Home, "net-canary"), "net"), cancellationToken);
        }

        var processes = instance.Processes();
        var listeners = before.Union(Scan(instance, id)).Where(l => l.Kind == SocketKind.Tcp).ToList();
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
        await first.StartAsync(cancellationToken);
        await using var second = target.NewInstance();
        try
        {
            await second.StartAsync(cancellationToken);
        }
        catch (TargetStartException e)
        {
            // A port chosen by the workspace rather than the OS shows itself here: the second one cannot bind.
            throw new RequirementViolationException(id, $"a second workspace could not start while the first listened on port {first.Port}, so the port is not assigned by the OS: {e.Message}");
        }

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

    private static IReadOnlyList<Listener> Scan(WorkspaceInstance instance, string id)
    {
        var (listeners, uninspectable) = SocketTable.Inspect(instance.Processes());
        if (uninspectable.Count > 0)
        {
            throw new CheckInconclusiveException(id, $"the open files of pid(s) {string.Join(", ", uninspectable)} in the workspace's tree cannot be read (non-dumpable or another user's), so their listeners are unknown.");
        }

        return listeners;
    }

    private static (int Low, int High) EphemeralRange()
    {
        var fields = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        return (int.Parse(fields[0], CultureInfo.InvariantCulture), int.Parse(fields[1], CultureInfo.InvariantCulture));
    }
}
