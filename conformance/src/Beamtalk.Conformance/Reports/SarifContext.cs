namespace Beamtalk.Conformance.Reports;

/// <summary>
/// Where SARIF results point. Code scanning shows a result only with a location in the scanned
/// repository, and a requirement failure has no line of code; the nearest true place is the target
/// file that describes the implementation, when it lies inside the directory the kit runs in (the
/// repository root in CI). Otherwise results point to a stable per-requirement path under
/// <c>beamtalk-conformance/</c>, which code scanning accepts without a file behind it.
/// </summary>
public sealed class SarifContext(string? targetFile, string workingDirectory)
{
    public SarifContext(string? targetFile)
        : this(targetFile, Environment.CurrentDirectory)
    {
    }

    public (string Uri, int Line) LocationFor(string requirementId)
    {
        if (targetFile is not null)
        {
            var relative = Path.GetRelativePath(workingDirectory, targetFile);
            if (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative))
            {
                return (relative.Replace(Path.DirectorySeparatorChar, '/'), LineOfName(targetFile));
            }
        }

        return ($"beamtalk-conformance/{requirementId}", 1);
    }

    /// <summary>The line of the target's "name", so the annotation sits on the implementation's name.</summary>
    private static int LineOfName(string path)
    {
        try
        {
            var lines = File.ReadAllLines(path);
            var index = Array.FindIndex(lines, l => l.Contains("\"name\"", StringComparison.Ordinal));
            return index < 0 ? 1 : index + 1;
        }
        catch (IOException)
        {
            return 1;
        }
    }
}
