using System.Text.RegularExpressions;

namespace Beamtalk.Conformance.Core;

/// <summary>
/// Files one check saves as evidence (a browser screenshot), kept in the run's output folder and named relative to
/// it, so report.html and report.md beside them can link them. The suite attaches what one check saved to that
/// check's result; nothing here may hold a secret.
/// </summary>
public sealed partial class CheckArtifacts(string folder)
{
    private readonly List<string> _saved = [];

    public string Folder { get; } = Path.GetFullPath(folder);

    public IReadOnlyList<string> Saved
    {
        get
        {
            lock (_saved)
            {
                return [.. _saved];
            }
        }
    }

    /// <summary>Writes <paramref name="bytes"/> under the output folder and returns its path relative to it.</summary>
    public string Save(string subfolder, string name, ReadOnlySpan<byte> bytes)
    {
        var relative = Path.Combine(subfolder, Slug().Replace(name, "-"));
        var path = Path.Combine(Folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        var shown = relative.Replace(Path.DirectorySeparatorChar, '/');
        lock (_saved)
        {
            _saved.Add(shown);
        }

        return shown;
    }

    [GeneratedRegex("[^A-Za-z0-9._-]+")]
    private static partial Regex Slug();
}
