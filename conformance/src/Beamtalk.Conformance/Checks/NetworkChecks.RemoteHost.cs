using System.Net;
using System.Net.Sockets;
using Beamtalk.Conformance.Core;
using Beamtalk.Conformance.Observation;
using Beamtalk.Conformance.Targets;

namespace Beamtalk.Conformance.Checks;

/// <summary>
/// NET-LOOPBACK seen from another machine: a fresh network namespace joined to this host by a veth
/// pair tries a real TCP connection to the REPL. The socket-table check sees how the workspace
/// binds; this one sees what that binding means to a peer on the network.
/// </summary>
public static partial class NetworkChecks
{
    private static readonly TimeSpan AttemptLimit = TimeSpan.FromSeconds(3);

    /// <summary>
    /// NET-LOOPBACK: started with its default command, the workspace's REPL port does not accept a
    /// connection from another host. Two positive controls run in the same namespace, so a refusal
    /// means something: a listener the kit opens on the host-side veth address, and (when the target
    /// declares <see cref="TargetCommands.StartOnAddressConfirmed"/>) a second workspace started with
    /// the opt-in on the host-side veth address only, so the control is reachable from the namespace
    /// and from no real network. Both must connect, or the evidence cannot decide.
    /// </summary>
    [Requirement(Loopback)]
    [KnownBad(Defect.BindsAllInterfaces)]
    public sealed class NotReachableFromAnotherHost : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var target = context.Target;
            await using var network = await OpenNamespaceAsync(cancellationToken);
            var controlBind = network.HostAddress.ToString();
            await using var instance = target.NewInstance();
            await using var control = target.Description.Commands.StartOnAddressConfirmed is null
                ? null
                : target.NewInstance(new InstanceOptions { Bind = controlBind, ConfirmNetwork = true });

            // Both workspaces start at once; the control's failure to start is evidence, not an error.
            var controlStart = control is null ? Task.FromResult<string?>(null) : StartControlAsync(control, cancellationToken);
            string? controlFailure;
            try
            {
                await instance.StartAsync(cancellationToken);
            }
            finally
            {
                controlFailure = await controlStart;
            }

            var loopback = await ConnectOnLoopbackAsync(instance.Port, cancellationToken);
            if (loopback is null)
            {
                return new CheckResult.Inconclusive($"the published port {instance.Port} accepts no connection on 127.0.0.1 or ::1 either, so a refusal from another host would prove nothing; {network}.");
            }

            var attempt = await network.ConnectToHostAsync(instance.Port, cancellationToken, AttemptLimit);
            if (attempt.Connected)
            {
                return new CheckResult.Violation($"the REPL port accepts connections from another host: started with its default command, the workspace published port {instance.Port}, "
                    + $"and from {network} a TCP connection from {network.NamespaceAddress} was accepted: {attempt}. It listens beyond loopback.");
            }

            // Positive control 1: the same path to a listener the kit itself opens on the host-side veth address.
            using var kitListener = new TcpListener(network.HostAddress, 0);
            kitListener.Start();
            var kitPort = ((IPEndPoint)kitListener.LocalEndpoint).Port;
            var kitAttempt = await network.ConnectToHostAsync(kitPort, cancellationToken, AttemptLimit);
            kitListener.Stop();
            if (!kitAttempt.Connected)
            {
                return new CheckResult.Inconclusive($"positive control failed: a listener the kit opened on {network.HostAddress}:{kitPort} was not reachable from {network} ({kitAttempt}); a firewall or routing on this host may block the namespace, so the REPL's refusal ({attempt}) cannot decide.");
            }

            // Positive control 2: the target itself, asked to listen on all interfaces.
            string targetControl;
            if (control is null)
            {
                targetControl = "no target control: the target declares no startOnAddressConfirmed command";
            }
            else if (controlFailure is not null)
            {
                return new CheckResult.Inconclusive($"positive control failed: the target's startOnAddressConfirmed command with {{bind}}={controlBind} did not start: {controlFailure}");
            }
            else
            {
                var controlAttempt = await network.ConnectToHostAsync(control.Port, cancellationToken, AttemptLimit);
                if (!controlAttempt.Connected)
                {
                    return new CheckResult.Inconclusive($"positive control failed: the target started on {controlBind} with its network opt-in published port {control.Port}, but from {network} that port was not reachable ({controlAttempt}); the REPL's refusal ({attempt}) cannot decide.");
                }

                targetControl = $"target started on {controlBind} with its opt-in: {controlAttempt}";
            }

            return new CheckResult.Pass($"from {network}, the REPL started with its default command is not reachable: {attempt} (port {instance.Port} itself answers on {loopback}). "
                + $"Positive controls in the same namespace: kit listener {kitAttempt}; {targetControl}.");
        }
    }

    /// <summary>The namespace, or the right kind of "cannot check": Missing locally, a failure of the kit under CI.</summary>
    private static async Task<NetworkNamespace> OpenNamespaceAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await NetworkNamespace.CreateAsync(cancellationToken);
        }
        catch (NetworkNamespaceUnavailableException e)
        {
            throw Prerequisite.Unavailable("another host (a network namespace)", $"{e.Message} (run as root)", e);
        }
    }

    private static async Task<string?> StartControlAsync(WorkspaceInstance control, CancellationToken cancellationToken)
    {
        try
        {
            await control.StartAsync(cancellationToken);
            return null;
        }
        catch (TargetStartException e)
        {
            return control.Redact(e.Message);
        }
    }

    /// <summary>Where the port answers on this host's loopback (IPv4, else IPv6), or null.</summary>
    private static async Task<string?> ConnectOnLoopbackAsync(int port, CancellationToken cancellationToken)
    {
        foreach (var address in new[] { IPAddress.Loopback, IPAddress.IPv6Loopback })
        {
            using var client = new TcpClient(address.AddressFamily);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(AttemptLimit);
            try
            {
                await client.ConnectAsync(address, port, limit.Token);
                return new IPEndPoint(address, port).ToString();
            }
            catch (Exception e) when (e is SocketException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // Try the next loopback address.
            }
        }

        return null;
    }
}
