using Beamtalk.Conformance.Browser;
using Beamtalk.Conformance.Core;
using Beamtalk.Conformance.Targets;
using Beamtalk.Conformance.Wire;

namespace Beamtalk.Conformance.Checks;

/// <summary>
/// BR-*: what a page in a real browser (headless Chromium) can do to the workspace. Two controls
/// run in the same check: the kit's wire client, which sends no Origin, still authenticates (the
/// workspace does not refuse everything), and the same page opens a WebSocket to the kit's own
/// permissive loopback server (the browser does not block everything). Each page is screenshotted.
/// </summary>
public static class BrowserChecks
{
    private const string ForeignName = "attacker.test";
    private const string RebindName = "rebind.test";

    /// <summary>BR-CROSS-SITE: pages from other origins, knowing the port or scanning for it, complete no handshake and learn only "failed".</summary>
    [Requirement("BR-CROSS-SITE")]
    [KnownBad(Defect.IgnoresOrigin)]
    public sealed class CrossSiteSocketsFail : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var target = context.Target;
            var id = context.RequirementId;
            await using var instance = await context.StartReplInstanceAsync(cancellationToken);
            var port = instance.Port;
            await RequireWireControlAsync(id, instance, cancellationToken);

            await using var server = ProbeServer.Start();
            await using var chromium = await Chromium.LaunchAsync(context.Settings.ChromiumExecutable, [ForeignName], cancellationToken);
            var closed = ProbeServer.ClosedPort();
            var scan = Enumerable.Range(port - 2, 5).Where(p => p is > 0 and < 65536).ToList();
            var notes = new List<string>();
            foreach (var origin in new[] { $"http://127.0.0.1:{server.Port}/", $"http://{ForeignName}:{server.Port}/" })
            {
                var page = await ProbePage.OpenAsync(chromium.Browser, origin, fulfilInBrowser: false);
                var known = new[] { $"ws://127.0.0.1:{port}/ws", $"ws://localhost:{port}/ws" };
                var scanned = scan.Select(p => $"ws://127.0.0.1:{p}/ws").ToList();
                string[] urls = [$"ws://127.0.0.1:{server.Port}/ws", $"ws://127.0.0.1:{closed}/ws", .. known, .. scanned];
                var probes = await page.ProbeAsync(urls);
                var shot = await page.ScreenshotAsync(context.Artifacts, id, target.Name, origin.Contains(ForeignName, StringComparison.Ordinal) ? "foreign-name" : "other-port");
                var control = probes[0];
                var closedProbe = probes[1];
                var workspace = probes.Where(p => new Uri(p.Url).Port == port).ToList();
                Judge(id, page.Origin, control, closedProbe, workspace, shot);
                notes.Add($"from {page.Origin}: {workspace.Count} probe(s) of port {port} (known, localhost, and a scan of {scan[0]}-{scan[^1]}) all ended '{closedProbe.Signature}', as the closed port {closed} did; the control socket opened ({shot})");
            }

            return new CheckResult.Pass($"the wire client without Origin authenticated; Chromium {string.Join("; ", notes)}.");
        }
    }

    /// <summary>BR-REBINDING: a page served as http://rebind.test:PORT/ (a name resolving to 127.0.0.1, the workspace's own port) is refused.</summary>
    [Requirement("BR-REBINDING")]
    [KnownBad(Defect.IgnoresOrigin, Defect.IgnoresHostHeader)]
    public sealed class RebindingPagesAreRefused : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var target = context.Target;
            var id = context.RequirementId;
            await using var instance = await context.StartReplInstanceAsync(cancellationToken);
            var port = instance.Port;
            await RequireWireControlAsync(id, instance, cancellationToken);

            await using var server = ProbeServer.Start();
            await using var chromium = await Chromium.LaunchAsync(context.Settings.ChromiumExecutable, [RebindName], cancellationToken, withoutLocalNetworkAccess: true);
            var closed = ProbeServer.ClosedPort();

            // After rebinding, the attacker's page is same-origin with the workspace in the browser's eyes: only Host and Origin checks remain.
            var page = await ProbePage.OpenAsync(chromium.Browser, $"http://{RebindName}:{port}/", fulfilInBrowser: true);
            var probes = await page.ProbeAsync([$"ws://{RebindName}:{server.Port}/ws", $"ws://{RebindName}:{closed}/ws", $"ws://{RebindName}:{port}/ws"]);
            var shot = await page.ScreenshotAsync(context.Artifacts, id, target.Name, "rebound-page");
            Judge(id, page.Origin, probes[0], probes[1], [probes[2]], shot);
            return new CheckResult.Pass($"the wire client without Origin authenticated; a Chromium page at {page.Origin} ({RebindName} mapped to 127.0.0.1 by --host-resolver-rules) opened the control socket ws://{RebindName}:{server.Port}/ws, "
                + $"but ws://{RebindName}:{port}/ws ended '{probes[2].Signature}', as the closed port {closed} did ({shot}).");
        }
    }

    private static void Judge(string id, string origin, SocketProbe control, SocketProbe closed, IReadOnlyList<SocketProbe> workspace, string shot)
    {
        if (!control.Opened)
        {
            throw CheckEnd.Inconclusive($"the page at {origin} could not open even the kit's permissive socket {control.Url} ({control.Signature}), so the browser blocks these sockets itself and a refusal proves nothing ({shot}).");
        }

        if (closed.Opened)
        {
            throw CheckEnd.Inconclusive($"the control port meant to be closed ({closed.Url}) accepted a WebSocket: something else took it ({shot}).");
        }

        if (workspace.FirstOrDefault(p => p.Opened) is { } opened)
        {
            throw CheckEnd.Violation($"a page at {origin} completed a WebSocket handshake with the workspace at {opened.Url} ({opened.Messages} message(s) received); screenshot {shot}.");
        }

        if (workspace.FirstOrDefault(p => p.Signature != closed.Signature) is { } telling)
        {
            throw CheckEnd.Violation($"a page at {origin} can tell the workspace's port from a closed one: {telling.Url} ended '{telling.Signature}', the closed port '{closed.Signature}'; screenshot {shot}.");
        }
    }

    /// <summary>Refusals prove something only if the workspace accepts a client that sends no Origin (a CLI, an editor).</summary>
    private static async Task RequireWireControlAsync(string id, WorkspaceInstance instance, CancellationToken cancellationToken)
    {
        var attempt = await ReplProtocol.TryAuthenticateAsync(instance.Port, ReplProtocol.AuthFrame(instance.ReadCookie()), cancellationToken);
        if (!attempt.Accepted)
        {
            throw CheckEnd.Inconclusive($"the kit's wire client, which sends no Origin, could not authenticate either ({attempt.Describe()}), so browser refusals prove nothing.");
        }
    }
}
