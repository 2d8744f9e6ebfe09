namespace Beamtalk.Conformance.Targets;

/// <summary>
/// The reference workspace built from this repository, described with the same model a target
/// file uses, so the built-in target and any other implementation follow one code path.
/// </summary>
public static class ReferenceTarget
{
    public const string Name = "reference";

    /// <param name="beamtalk">The reference CLI: its apphost, or a .dll to run with dotnet.</param>
    public static TargetDescription Describe(string beamtalk)
    {
        string[] cli = beamtalk.EndsWith(".dll", StringComparison.Ordinal) ? ["dotnet", beamtalk] : [beamtalk];
        return new TargetDescription(
            Name,
            "The reference workspace built from this repository (reference/).",
            WireProtocol.BeamtalkWebSocketV1,
            StartMode.Detached,
            new TargetCommands(
                Start: [.. cli, "workspace", "start", "{workspace}", "--preauth-timeout", "3"],
                Create: [.. cli, "workspace", "create", "{workspace}"],
                Stop: [.. cli, "workspace", "stop", "{workspace}"],
                Exercise:
                [
                    [.. cli, "workspace", "status", "{workspace}"],
                    [.. cli, "workspace", "list"],
                    [.. cli, "eval", "--workspace", "{workspace}", "1 + 2"],
                    [.. cli, "eval", "--workspace", "{workspace}", "1 +"],
                ],
                StartOnAddress: [.. cli, "workspace", "start", "{workspace}", "--bind", "{bind}"],
                StartOnAddressConfirmed: [.. cli, "workspace", "start", "{workspace}", "--bind", "{bind}", "--confirm-network"],
                Rotate: [.. cli, "workspace", "rotate-cookie", "{workspace}"],
                StartWithoutSubprocess: [.. cli, "workspace", "start", "{workspace}", "--no-subprocess"],
                StartWithTrustedCa: [.. cli, "workspace", "start", "{workspace}", "--trust-ca", "{ca}"]),
            new TargetLayout(
                WorkspaceDirectory: "{home}/.beamtalk/workspaces/{workspace}",
                Cookie: "cookie",
                PortFile: "port",
                PidFile: "node.info",
                Outputs: ["workspace.log", "server.out", "metadata.json", "node.info", "port"]),
            Environment: new Dictionary<string, string> { ["BEAMTALK_HOME"] = "{home}/.beamtalk" },
            Canary: "File writeAll: \"{path}\" contents: \"{token}\"",
            ReadyTimeoutSeconds: 30,
            // The start command shortens the 10 s default so AUTH-PREAUTH-TIMEOUT runs quickly.
            PreAuthTimeoutSeconds: 3,
            RotationEndsSessions: true,
            CompilerDaemon: true,
            Container: new TargetContainer(
                Include: DotnetContainerFiles.Include(Path.GetDirectoryName(Path.GetFullPath(beamtalk))!),
                Start: [.. cli, "workspace", "start", "{workspace}", "--foreground", "--port", "{port}"],
                ReadyLog: "listening on",
                Environment: DotnetContainerFiles.Environment),
            PythonSandbox: new PythonSandbox(
                Status: "__import__('beamtalk').is_sandboxed()",
                Alternative: "__import__('beamtalk').run_command({command})"));
    }

    /// <summary>The reference CLI next to the running assembly (the suite references the CLI project).</summary>
    public static TargetDescription FromApplicationDirectory()
    {
        var apphost = Path.Combine(AppContext.BaseDirectory, "beamtalk");
        var dll = Path.Combine(AppContext.BaseDirectory, "beamtalk.dll");
        return Describe(Runner.Launcher.IsExecutable(apphost) ? apphost : dll);
    }
}
