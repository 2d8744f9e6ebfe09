using Beamtalk.Conformance.Core;
using Beamtalk.Conformance.Targets;
using Beamtalk.Conformance.Wire;

namespace Beamtalk.Conformance.Checks;

/// <summary>
/// NET-HOST and AUTH-ORIGIN: which HTTP upgrades become WebSocket connections at all. A refused
/// upgrade is any answer but 101 (or no answer); the browser-facing policy is in docs/upgrade-policy.md.
/// </summary>
public static class UpgradeChecks
{
    /// <summary>NET-HOST: only a loopback literal or localhost, with the workspace's own port, is accepted as Host.</summary>
    [Requirement("NET-HOST")]
    [KnownBad(Defect.IgnoresHostHeader)]
    [KnownBad(Defect.HostPrefixMatch)]
    public sealed class ForeignHostsAreRefused : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var target = context.Target;
            var id = context.RequirementId;
            await using var instance = await context.StartReplInstanceAsync(cancellationToken);
            var port = instance.Port;

            foreach (var control in new[] { $"127.0.0.1:{port}", $"localhost:{port}" })
            {
                if (await UpgradeProbe.StatusAsync(port, control, origin: null, cancellationToken) != 101)
                {
                    return new CheckResult.Inconclusive($"the upgrade with Host '{control}' was refused too, so refusals prove nothing.");
                }
            }

            string[] foreign =
            [
                $"attacker.example:{port}",
                $"localhost.attacker.example:{port}",
                $"127.0.0.1.nip.io:{port}",
                $"127.0.0.1:{OtherPort(port)}",
                $"localhost:{OtherPort(port)}",
                $"localhost:{port}0",
                $"127.0.0.1:{port}0",
                $"127.0.0.1:{port}.attacker.example",
                $"localhost:{port}@attacker.example",
                $"LOCALHOST.attacker.example:{port}",
                $"0.0.0.0:{port}",
                $"10.1.2.3:{port}",
                "localhost",
                string.Empty,
            ];
            foreach (var host in foreign)
            {
                if (await UpgradeProbe.StatusAsync(port, host, origin: null, cancellationToken) == 101)
                {
                    return new CheckResult.Violation($"the upgrade was accepted with Host '{host}' (a DNS-rebinding page reaches the REPL this way).");
                }
            }

            return new CheckResult.Pass($"{foreign.Length} foreign or mis-ported Host headers refused; 127.0.0.1 and localhost with port {port} accepted.");
        }
    }

    /// <summary>AUTH-ORIGIN: a foreign, null or other-port Origin is refused before any handshake; no Origin works.</summary>
    [Requirement("AUTH-ORIGIN")]
    [KnownBad(Defect.IgnoresOrigin)]
    [KnownBad(Defect.OriginPrefixMatch)]
    public sealed class ForeignOriginsAreRefused : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var target = context.Target;
            var id = context.RequirementId;
            await using var instance = await context.StartReplInstanceAsync(cancellationToken);
            var port = instance.Port;
            var host = $"127.0.0.1:{port}";

            if (await UpgradeProbe.StatusAsync(port, host, origin: null, cancellationToken) != 101)
            {
                return new CheckResult.Violation("a client sending no Origin (a CLI, an editor) could not connect.");
            }

            string[] foreign =
            [
                "https://attacker.example",
                $"http://attacker.example:{port}",
                "null",
                $"http://127.0.0.1:{OtherPort(port)}",
                $"http://localhost:{OtherPort(port)}",
                $"http://127.0.0.1.nip.io:{port}",
                $"http://0.0.0.0:{port}",
                $"http://10.1.2.3:{port}",
                $"HTTP://ATTACKER.EXAMPLE:{port}",
                "file://",
                // What a prefix or substring test of the Origin lets through.
                $"http://localhost.attacker.example:{port}",
                $"http://127.0.0.1.attacker.example:{port}",
                $"http://localhost:{port}@attacker.example",
                $"http://127.0.0.1:{port}0",
            ];
            foreach (var origin in foreign)
            {
                if (await UpgradeProbe.StatusAsync(port, host, origin, cancellationToken) == 101)
                {
                    return new CheckResult.Violation($"the upgrade was accepted with Origin '{origin}' (a page from that origin could drive the REPL's handshake).");
                }
            }

            return new CheckResult.Pass($"{foreign.Length} foreign, null and other-port Origins refused before the handshake; a client without Origin connected.");
        }
    }

    private static int OtherPort(int port) => port == 65535 ? 65534 : port + 1;
}
