namespace Beamtalk.Conformance.SelfTests.Architecture;

/// <summary>The checkout these tests were built from: the folder holding Beamtalk.sln above the test program.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Beamtalk.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Beamtalk.sln above {AppContext.BaseDirectory}.");
    }
}
