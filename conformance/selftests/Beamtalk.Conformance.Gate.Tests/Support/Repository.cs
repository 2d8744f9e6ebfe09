namespace Beamtalk.Conformance.Gate.Tests.Support;

/// <summary>Paths in this repository and in its build output, for the configuration these tests were built in.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>e.g. "bin/Release/net10.0", taken from where this test assembly runs.</summary>
    private static string BuildDirectory { get; } = Path.GetRelativePath(
        Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..")),
        AppContext.BaseDirectory).TrimEnd('/');

    public static string Kit => Output("conformance/src/Beamtalk.Conformance.Cli", "beamtalk-conformance");

    public static string Suite => Output("conformance/suite/Beamtalk.Conformance.Suite", "Beamtalk.Conformance.Suite");

    public static string KnownBadWorkspace => Output("conformance/selftests/Beamtalk.Conformance.KnownBad", "known-bad-workspace");

    public static string SarifMultitool => Path.Combine(Root, "conformance/tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");

    public static string File(string relative) => Path.Combine(Root, relative);

    private static string Output(string project, string program) => Path.Combine(Root, project, BuildDirectory, program);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(directory.FullName, "Beamtalk.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Beamtalk.sln above {AppContext.BaseDirectory}.");
    }
}
