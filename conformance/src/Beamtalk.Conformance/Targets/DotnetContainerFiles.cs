using System.Runtime.InteropServices;

namespace Beamtalk.Conformance.Targets;

/// <summary>
/// What a framework-dependent .NET program needs in a container image: its own folder and this host's runtime
/// (the muxer, hostfxr, and the shared frameworks of the running version), plus the OpenSSL the runtime loads by name.
/// </summary>
public static class DotnetContainerFiles
{
    private static readonly string[] OpenSslLibraries = ["libssl.so.3", "libcrypto.so.3"];

    /// <summary>The <c>container.include</c> list for the program in <paramref name="programDirectory"/>.</summary>
    public static IReadOnlyList<string> Include(string programDirectory)
    {
        var root = Root;
        var runtime = RuntimeEnvironment.GetRuntimeDirectory().TrimEnd('/');
        var version = Path.GetFileName(runtime);
        var aspNetCore = Path.Combine(root, "shared", "Microsoft.AspNetCore.App", version);
        var openSsl = OpenSslLibraries
            .Select(l => Path.Combine("/usr/lib", RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "aarch64-linux-gnu" : "x86_64-linux-gnu", l))
            .Where(File.Exists);
        return [$"{programDirectory}/*", Path.Combine(root, "dotnet"), Path.Combine(root, "host"), runtime, .. Directory.Exists(aspNetCore) ? [aspNetCore] : Array.Empty<string>(), .. openSsl];
    }

    /// <summary>The environment that lets an apphost find that runtime.</summary>
    public static IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["DOTNET_ROOT"] = Root,
        ["PATH"] = $"{Root}:/usr/bin:/bin",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
    };

    /// <summary>The running runtime lives in <c>ROOT/shared/Microsoft.NETCore.App/VERSION</c>.</summary>
    private static string Root => Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
}
