using System.Globalization;
using Beamtalk.Conformance.Core;
using Beamtalk.Conformance.Observation;
using Beamtalk.Conformance.Targets;

namespace Beamtalk.Conformance.Checks;

/// <summary>NET-*: what the workspace exposes on the network, observed from the kernel's socket tables.</summary>
public static partial class NetworkChecks
{
    /// <summary>NET-LOOPBACK has two checks: the kernel's socket tables here, and another host in NetworkChecks.RemoteHost.cs.</summary>
    private const string Loopback = "NET-LOOPBACK";

    /// <summary>NET-LOOPBACK: every TCP listener of the workspace's process tree is on a loopback address.</summary>
    [Requirement(Loopback)]
    [KnownBad(Defect.BindsAllInterfaces)]
    public sealed class ListenersAreLoopback : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var target = context.Target;
            var id = context.RequirementId;
            await using var instance = await context.StartInstanceAsync(cancellationToken);
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
                return new CheckResult.Inconclusive($"no TCP listener found in the workspace's process tree (pids {string.Join(", ", processes)}); the pid file may not name the server.");
            }

            if (!listeners.Any(l => l.Endpoint!.Port == instance.Port))
            {
                return new CheckResult.Inconclusive($"the published port {instance.Port} is not held by the process tree, whose listeners are {string.Join(", ", listeners)}.");
            }

            var exposed = listeners.Where(l => !l.IsLoopbackOrUnix).ToList();
            if (exposed.Count > 0)
            {
                return new CheckResult.Violation($"listening beyond loopback by default: {string.Join(", ", exposed)}.");
            }

            return new CheckResult.Pass($"{listeners.Count} TCP listener(s), all loopback: {string.Join(", ", listeners.Select(l => l.Endpoint))}.");
        }
    }

    /// <summary>NET-EPHEMERAL: two workspaces get OS-assigned ports from the ephemeral range, and they differ.</summary>
    [Requirement("NET-EPHEMERAL")]
    [KnownBad(Defect.PredictablePort)]
    public sealed class PortsAreEphemeral : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var target = context.Target;
            var id = context.RequirementId;
            var (low, high) = EphemeralRange();
            await using var first = await context.StartInstanceAsync(cancellationToken);
            await using var second = target.NewInstance();
            try
            {
                await second.StartAsync(cancellationToken);
            }
            catch (TargetStartException e)
            {
                // A port chosen by the workspace rather than the OS shows itself here: the second one cannot bind.
                return new CheckResult.Violation($"a second workspace could not start while the first listened on port {first.Port}, so the port is not assigned by the OS: {e.Message}");
            }

            var ports = new[] { first.Port, second.Port };
            var outside = ports.Where(p => p < low || p > high).ToList();
            if (outside.Count > 0)
            {
                return new CheckResult.Violation($"port(s) {string.Join(", ", outside)} lie outside the ephemeral range {low}-{high}: the port is fixed or chosen by the target, not by the OS.");
            }

            if (first.Port == second.Port)
            {
                return new CheckResult.Violation($"two workspaces report the same port {first.Port}.");
            }

            return new CheckResult.Pass($"ports {first.Port} and {second.Port}, both in the ephemeral range {low}-{high}.");
        }
    }

    /// <summary>NET-ALL-LISTENERS: every TCP, UDP and Unix listener of the tree, not only the REPL's, is loopback or a Unix socket.</summary>
    [Requirement("NET-ALL-LISTENERS")]
    [KnownBad(Defect.OpensUdpOnAllInterfaces)]
    public sealed class AllListenersAreLocal : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var target = context.Target;
            var id = context.RequirementId;
            await using var instance = await context.StartInstanceAsync(cancellationToken);
            var before = Scan(instance, id);
            if (target.SpeaksProtocol)
            {
                await using var session = await Wire.ReplProtocol.AuthenticateAsync(instance.Port, instance.ReadCookie(), cancellationToken);
                await session.EvalAsync(instance.Canary(Path.Combine(instance.Home, "listeners-canary"), "listeners"), cancellationToken);
            }

            var listeners = before.Union(Scan(instance, id)).ToList();
            var exposed = listeners.Where(l => !l.IsLoopbackOrUnix).ToList();
            if (exposed.Count > 0)
            {
                return new CheckResult.Violation($"listening beyond loopback: {string.Join(", ", exposed)}.");
            }

            var byKind = string.Join(", ", listeners.GroupBy(l => l.Kind).Select(g => $"{g.Count()} {g.Key.ToString().ToUpperInvariant()}"));
            return new CheckResult.Pass($"{listeners.Count} listener(s) ({byKind}) across {instance.Processes().Count} process(es), all loopback or Unix.");
        }
    }

    /// <summary>
    /// NET-OPT-IN: asked to listen on 0.0.0.0 without its opt-in flag the target refuses, naming the
    /// address, and listens nowhere; with the flag it starts and warns, naming the address.
    /// </summary>
    [Requirement("NET-OPT-IN")]
    [KnownBad(Defect.BindsWithoutOptIn)]
    public sealed class NetworkBindNeedsOptIn : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var target = context.Target;
            var id = context.RequirementId;
            const string wildcard = "0.0.0.0";
            if (target.Description.Commands.StartOnAddress is null || target.Description.Commands.StartOnAddressConfirmed is null)
            {
                return new CheckResult.Missing("the target file gives no commands.startOnAddress / startOnAddressConfirmed, so a non-loopback bind cannot be requested.");
            }

            await using (var refused = target.NewInstance(new InstanceOptions { Bind = wildcard }))
            {
                try
                {
                    await refused.StartAsync(cancellationToken);
                }
                catch (TargetStartException)
                {
                    // A foreground target's output arrives asynchronously: give the refusal a bounded moment to show.
                    string Said() => string.Concat(refused.Commands.Select(c => c.StandardOutput + c.StandardError));
                    var waited = System.Diagnostics.Stopwatch.StartNew();
                    while (!Said().Contains(wildcard, StringComparison.Ordinal) && waited.Elapsed < TimeSpan.FromSeconds(5))
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
                    }

                    if (!Said().Contains(wildcard, StringComparison.Ordinal))
                    {
                        return new CheckResult.Violation($"the start without the opt-in was refused, but its message does not name the address {wildcard}.");
                    }

                    if (SocketTable.ListenersOf(refused.Processes()).Any(l => !l.IsLoopbackOrUnix))
                    {
                        return new CheckResult.Violation("the start without the opt-in was refused, but a process of the target listens beyond loopback.");
                    }
                }

                if (refused.IsRunning)
                {
                    return new CheckResult.Violation($"asked to listen on {wildcard} without the opt-in flag, the workspace started (port {refused.Port}).");
                }
            }

            await using var confirmed = await context.StartInstanceAsync(cancellationToken, new InstanceOptions { Bind = wildcard, ConfirmNetwork = true });
            bool Warned() => confirmed.Commands
                .SelectMany(c => (c.StandardOutput + c.StandardError).Split('\n'))
                .Any(line => line.Contains(wildcard, StringComparison.Ordinal) && line.Contains("warn", StringComparison.OrdinalIgnoreCase));

            // A foreground workspace's output arrives asynchronously: give the warning a bounded moment to show.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (!Warned() && clock.Elapsed < TimeSpan.FromSeconds(5))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
            }

            if (!Warned())
            {
                return new CheckResult.Violation($"started on {wildcard} with the opt-in, but printed no warning naming the address.");
            }

            return new CheckResult.Pass($"without the opt-in the start on {wildcard} was refused and named the address; with it the workspace started on port {confirmed.Port} and warned.");
        }
    }

    private static IReadOnlyList<Listener> Scan(WorkspaceInstance instance, string id)
    {
        var (listeners, uninspectable) = SocketTable.Inspect(instance.Processes());
        if (uninspectable.Count > 0)
        {
            throw CheckEnd.Inconclusive($"the open files of pid(s) {string.Join(", ", uninspectable)} in the workspace's tree cannot be read (non-dumpable or another user's), so their listeners are unknown.");
        }

        return listeners;
    }

    private static (int Low, int High) EphemeralRange()
    {
        var fields = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        return (int.Parse(fields[0], CultureInfo.InvariantCulture), int.Parse(fields[1], CultureInfo.InvariantCulture));
    }
}
