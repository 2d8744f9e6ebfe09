namespace Beamtalk.Conformance.Runner;

/// <summary>
/// Starts a .NET program by its apphost when that is executable, else through the dotnet host. A
/// dotnet tool package does not keep file modes, so the apphosts it carries arrive without their
/// execute bit; the program's .dll beside them runs the same code.
/// </summary>
public static class Launcher
{
    public static string Program(string apphost) => IsExecutable(apphost) ? apphost : DotnetHost;

    public static IReadOnlyList<string> Arguments(string apphost) => IsExecutable(apphost) ? [] : [apphost + ".dll"];

    public static bool IsExecutable(string path) =>
        File.Exists(path) && (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0;

    /// <summary>The dotnet host this process runs under when it is one, else the one on PATH.</summary>
    private static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Environment.ProcessPath is { } self && Path.GetFileName(self) == "dotnet" ? self
        : Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root && File.Exists(Path.Combine(root, "dotnet")) ? Path.Combine(root, "dotnet")
        : "dotnet";
}
