using Beamtalk.Conformance.Principles.Diff;
using Beamtalk.Conformance.Principles.Source;

namespace Beamtalk.Conformance.Principles.Analysis;

/// <summary>A changed file the check did not read, and why: the report counts them so silence is never mistaken for "not touched".</summary>
public sealed record SkippedFile(string Path, string Reason)
{
    public const string Binary = "binary";

    public const string Documentation = "documentation, images and data (no principle to touch)";

    /// <summary>Files in a language with no rule pack: they could touch any principle, so reports list them under each.</summary>
    public bool CouldTouchPrinciples => Reason != Documentation && Reason != Binary;

    /// <summary>The reason a changed file is not read, or null when a rule pack reads it.</summary>
    public static SkippedFile? Of(ChangedFile file)
    {
        if (file.IsBinary)
        {
            return new SkippedFile(file.Path, Binary);
        }

        if (Languages.Detect(file.Path) is not null)
        {
            return null;
        }

        var extension = System.IO.Path.GetExtension(file.Path).ToLowerInvariant();
        return DocumentationExtensions.Contains(extension)
            ? new SkippedFile(file.Path, Documentation)
            : new SkippedFile(file.Path, extension.Length > 0 ? $"no rule pack for {extension}" : "no rule pack for files without an extension");
    }

    private static readonly HashSet<string> DocumentationExtensions =
        [".md", ".rst", ".txt", ".adoc", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".ico", ".csv", ".lock", ".license", ".po", ".pot", ".ipynb", ".css", ".scss", ".html", ".snap"];
}
