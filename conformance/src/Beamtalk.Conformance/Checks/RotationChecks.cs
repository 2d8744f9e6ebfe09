using Beamtalk.Conformance.Core;
using Beamtalk.Conformance.Targets;
using Beamtalk.Conformance.Wire;

namespace Beamtalk.Conformance.Checks;

/// <summary>SECRET-ROTATE: after rotation only the new cookie opens the workspace, and open sessions fare as the target states.</summary>
public static class RotationChecks
{
    private const string Id = "SECRET-ROTATE";

    [Requirement(Id)]
    [KnownBad(Defect.KeepsOldCookieAfterRotation)]
    public sealed class RotationRetiresTheOldCookie : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var target = context.Target;
            context.RequireProtocol();
            if (target.Description.Commands.Rotate is null)
            {
                return new CheckResult.Missing("the target file gives no commands.rotate.");
            }

            await using var instance = await context.StartInstanceAsync(cancellationToken);
            var old = instance.ReadCookie();
            await using var open = await ReplProtocol.AuthenticateAsync(instance.Port, old, cancellationToken);

            var run = await instance.RotateAsync(cancellationToken);
            if (run is not { ExitCode: 0 })
            {
                return new CheckResult.Inconclusive($"the rotate command did not succeed: {instance.Redact(run?.Describe() ?? "not run")}.");
            }

            var fresh = instance.ReadCookie();
            if (fresh == old)
            {
                return new CheckResult.Violation("after rotation the cookie file still holds the old cookie.");
            }

            var withOld = await ReplProtocol.TryAuthenticateAsync(instance.Port, ReplProtocol.AuthFrame(old), cancellationToken);
            if (withOld.Accepted)
            {
                return new CheckResult.Violation("after rotation the old cookie is still accepted.");
            }

            var withNew = await ReplProtocol.TryAuthenticateAsync(instance.Port, ReplProtocol.AuthFrame(fresh), cancellationToken);
            if (!withNew.Accepted)
            {
                return new CheckResult.Violation($"after rotation the new cookie is refused ({withNew.Describe()}).");
            }

            var ended = await SessionEndedAsync(open, instance, fresh, cancellationToken);
            var observed = ended ? "the session opened before rotation was ended" : "the session opened before rotation kept working";
            switch (target.Description.RotationEndsSessions)
            {
                case null:
                    return new CheckResult.Inconclusive($"old cookie refused and new one accepted, but the target does not state what rotation does to open sessions (rotationEndsSessions); observed: {observed}.");
                case { } stated when stated != ended:
                    return new CheckResult.Violation($"the target states that rotation {(stated ? "ends" : "keeps")} open sessions, but {observed}.");
            }

            return new CheckResult.Pass($"after rotation the old cookie was refused ({withOld.Describe()}) and the new one accepted; {observed}, as the target states.");
        }
    }

    /// <summary>
    /// Ended means the old session can no longer act: a canary it sends after the rotation must not
    /// run. A round trip on a new session marks when the server would have run it.
    /// </summary>
    private static async Task<bool> SessionEndedAsync(ReplSessionClient session, WorkspaceInstance instance, string cookie, CancellationToken cancellationToken)
    {
        var afterRotation = Path.Combine(instance.Home, "rotate-canary-old-session");
        try
        {
            await session.EvalAsync(instance.Canary(afterRotation, "rotate"), cancellationToken);
        }
        catch (Exception e) when (e is InvalidOperationException or System.Net.WebSockets.WebSocketException or IOException)
        {
            // Closed or silent: judged by the canary file below, not by the error.
        }

        await using (var probe = await ReplProtocol.AuthenticateAsync(instance.Port, cookie, cancellationToken))
        {
            await probe.EvalAsync(instance.Canary(Path.Combine(instance.Home, "rotate-canary-probe"), "probe"), cancellationToken);
        }

        return !File.Exists(afterRotation);
    }
}
