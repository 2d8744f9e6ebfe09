using System.Reflection;

namespace Beamtalk.Conformance.Cli;

/// <summary>The kit's version and the commit it was built from, read from the assembly the SDK stamped.</summary>
internal static class KitVersion
{
    private static readonly string Informational =
        typeof(KitVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public static string Version => Informational.Split('+')[0];

    public static string? Commit => Informational.Split('+') is [_, var commit] ? commit : null;
}
