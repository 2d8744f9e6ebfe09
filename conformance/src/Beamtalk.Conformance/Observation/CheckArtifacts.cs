using System.Text.RegularExpressions;

namespace Beamtalk.Conformance.Observation;

/// <summary>
/// Files a check saves as evidence (a browser screenshot), kept in the run's output folder and named
/// relative to it, so report.html and report.md beside them can link them. The suite gathers what one
/// check saved and attaches it to that test's result; nothing here may hold a secret.
/// </summary>
public static partial class CheckArtifacts
{
    /// <summary>The run's output folder, set by the runner for the suite; without it, artifacts/ next to the program.</summary>
    public const string FolderVariable = "BEAMTALK_CONFORMANCE_ARTIFACTS";

    private static readonly AsyncLocal<List<string>?> Current = new();

    public static string Folder =>
        Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } folder
            ? Path.GetFullPath(folder)
            : Path.Combine(AppContext.BaseDirectory, "artifacts");

    /// <summary>Starts recording what the checks run in this async flow save; dispose to stop.</summary>
    public static Recording Record()
    {
        var saved = new List<string>();
        Current.Value = saved;
        return new Recording(saved);
    }

    /// <summary>Writes <paramref name="bytes"/> under the output folder and returns its path relative to it.</summary>
    public static string Save(string subfolder, string name, ReadOnlySpan<byte> bytes)
    {
        var relative = Path.Combine(subfolder, Slug().Replace(name, "-"));
        var path = Path.Combine(Folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        var shown = relative.Replace(Path.DirectorySeparatorChar, '/');
        lock (Current)
        {
            Current.Value?.Add(shown);
        }

        return shown;
    }

    [GeneratedRegex("[^A-Za-z0-9._-]+")]
    private static partial Regex Slug();

    public sealed class Recording(List<string> saved) : IDisposable
    {
        public IReadOnlyList<string> Saved
        {
            get
            {
                lock (Current)
                {
                    return [.. saved];
                }
            }
        }

        public void Dispose() => Current.Value = null;
    }
}
