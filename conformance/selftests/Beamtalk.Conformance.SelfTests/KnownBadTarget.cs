using Beamtalk.Conformance.Targets;

namespace Beamtalk.Conformance.SelfTests;

/// <summary>The known-bad workspace with some defects, described as a foreground target.</summary>
internal static class KnownBadTarget
{
    private const string PythonHook = "python_level_hook";

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
                StartWithoutSubprocess: [program, "{workspaceDir}", list, "--preauth-timeout", "2", "--no-subprocess"],
                StartWithTrustedCa: [program, "{workspaceDir}", list, "--preauth-timeout", "2", "--trust-ca", "{ca}"],
                // The fixture re-reads the cookie file on every check, so rotating is replacing the file.
                Rotate: ["/bin/sh", "-c", RotateScript(defects), "{workspaceDir}"]),
            new TargetLayout("{home}/workspaces/{workspace}", "cookie", "port", PidFile: null, Outputs: ["fixture.log"]),
            Environment: null,
            Canary: "File writeAll: \"{path}\" contents: \"{token}\"",
            ReadyTimeoutSeconds: 30,
            PreAuthTimeoutSeconds: 2,
            RotationEndsSessions: false,
            CompilerDaemon: true,
            // The sound fixture answers at once when idle; the bound leaves room for a 50 MB bomb on a loaded CI machine.
            ResourceLimitSeconds: 30,
            Container: new TargetContainer(
                Include: DotnetContainerFiles.Include(AppContext.BaseDirectory.TrimEnd('/')),
                Start: [program, "{workspaceDir}", list, "--preauth-timeout", "2", "--port", "{port}"],
                ReadyLog: "listening on",
                Environment: DotnetContainerFiles.Environment))
        {
            PythonSandbox = PythonSandboxOf(defects),
        });
    }

    /// <summary>Rotation is a shell script in the target file: a new random cookie written aside and renamed into place, or written over the old one.</summary>
    private static string RotateScript(Defect[] defects) =>
        "umask 077 && head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\\n' > "
        + (defects.Contains(Defect.RotatesCookieInPlace) ? "\"$0/cookie\"" : "\"$0/cookie.new\" && mv \"$0/cookie.new\" \"$0/cookie\"");

    /// <summary>
    /// The Python defects are "other sandboxes": the documented Python-level audit hook loaded into a plain python3
    /// (PythonSandboxes/), as the target file of such an implementation would describe it.
    /// </summary>
    /// <summary>Whether the defect is an "other sandbox" for Python eval rather than a defect of the workspace program.</summary>
    public static bool IsPythonSandbox(Defect defect) => PythonSandboxOf([defect]) is not null;

    private static PythonSandbox? PythonSandboxOf(Defect[] defects)
    {
        string? activate = null, alternative = null;
        foreach (var defect in defects)
        {
            switch (defect)
            {
                case Defect.PythonLevelHook:
                    activate = $"import {PythonHook}; {PythonHook}.install()";
                    break;
                case Defect.PythonHookWithoutOsSystem:
                    activate = $"import {PythonHook}; {PythonHook}.BLOCKED.discard('os.system'); {PythonHook}.install()";
                    break;
                case Defect.PythonHookOffersItsOwnAlternative:
                    activate = $"import {PythonHook}; {PythonHook}.install()";
                    alternative = $"__import__('{PythonHook}').run_command({{command}})";
                    break;
            }
        }

        return activate is null
            ? null
            : new PythonSandbox(
                Module: Path.Combine(AppContext.BaseDirectory, "PythonSandboxes", $"{PythonHook}.py"),
                Activate: activate,
                Status: $"__import__('{PythonHook}').is_sandboxed()",
                Alternative: alternative);
    }
}
