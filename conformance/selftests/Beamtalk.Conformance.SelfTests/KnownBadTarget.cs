using Beamtalk.Conformance.KnownBad;
using Beamtalk.Conformance.Targets;

namespace Beamtalk.Conformance.SelfTests;

/// <summary>The known-bad workspace with one defect, described as a foreground target.</summary>
internal static class KnownBadTarget
{
    /// <summary>No defect: the fixture's own positive control.</summary>
    public static Target Sound => With();

    public static Target With(params Defect[] defects)
    {
        var program = Path.Combine(AppContext.BaseDirectory, "known-bad-workspace");
        var list = defects.Length == 0 ? "none" : string.Join(',', defects);
        return new Target(new TargetDescription(
            $"known-bad:{list}",
            $"The self-tests' deliberately broken workspace with defects: {list}.",
            WireProtocol.BeamtalkWebSocketV1,
            StartMode.Foreground,
            new TargetCommands(
                Start: [program, "{workspaceDir}", list, "--preauth-timeout", "2"],
                StartOnAddress: [program, "{workspaceDir}", list, "--bind", "{bind}"],
                StartOnAddressConfirmed: [program, "{workspaceDir}", list, "--bind", "{bind}", "--confirm-network"],
                // Rotation is replacing the file in one rename; the fixture re-reads it on every check.
                StartWithoutSubprocess: [program, "{workspaceDir}", list, "--preauth-timeout", "2", "--no-subprocess"],
                StartWithTrustedCa: [program, "{workspaceDir}", list, "--preauth-timeout", "2", "--trust-ca", "{ca}"],
                Rotate: ["/bin/sh", "-c", "umask 077 && head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\\n' > \"$0/cookie.new\" && mv \"$0/cookie.new\" \"$0/cookie\"", "{workspaceDir}"]),
            new TargetLayout("{home}/workspaces/{workspace}", "cookie", "port", PidFile: null, Outputs: ["fixture.log"]),
            Environment: null,
            Canary: "File writeAll: \"{path}\" contents: \"{token}\"",
            ReadyTimeoutSeconds: 30,
            PreAuthTimeoutSeconds: 2,
            RotationEndsSessions: false,
            // The sound fixture answers at once when idle; the bound leaves room for a 50 MB bomb on a loaded CI machine.
            ResourceLimitSeconds: 30,
            Container: new TargetContainer(
                Include: DotnetContainerFiles.Include(AppContext.BaseDirectory.TrimEnd('/')),
                Start: [program, "{workspaceDir}", list, "--preauth-timeout", "2", "--port", "{port}"],
                ReadyLog: "listening on",
                Environment: DotnetContainerFiles.Environment)));
    }
}
