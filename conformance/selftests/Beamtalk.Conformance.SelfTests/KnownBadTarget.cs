using Beamtalk.Conformance.KnownBad;
using Beamtalk.Conformance.Targets;

namespace Beamtalk.Conformance.SelfTests;

/// <summary>The known-bad workspace with one defect, described as a foreground target.</summary>
internal static class KnownBadTarget
{
    public static Target With(Defect defect)
    {
        var program = Path.Combine(AppContext.BaseDirectory, "known-bad-workspace");
        return new Target(new TargetDescription(
            $"known-bad:{defect}",
            $"The self-tests' deliberately broken workspace with defect {defect}.",
            WireProtocol.BeamtalkWebSocketV1,
            StartMode.Foreground,
            new TargetCommands(Start: [program, "{workspaceDir}", defect.ToString()]),
            new TargetLayout("{home}/workspaces/{workspace}", "cookie", "port", PidFile: null, Outputs: ["fixture.log"]),
            Environment: null,
            Canary: "File writeAll: \"{path}\" contents: \"{token}\"",
            ReadyTimeoutSeconds: 30));
    }
}
