namespace Beamtalk.Conformance.Principles.Diff;

public enum DiffLineKind
{
    Context,
    Added,
    Removed,
}

/// <summary>
/// One line of a hunk. <see cref="Number"/> is its line in the new file (0 for removed lines),
/// <see cref="OldNumber"/> its line in the old file (0 for added lines): removed lines are evidence too.
/// </summary>
public sealed record DiffLine(DiffLineKind Kind, int Number, string Text)
{
    public int OldNumber { get; init; }
}

/// <summary>A run of lines around a change, as git prints it.</summary>
public sealed record Hunk(int NewStart, IReadOnlyList<DiffLine> Lines);

/// <summary>A file the change touches, with both sides of each hunk.</summary>
public sealed record ChangedFile(string Path, bool IsDeleted, bool IsBinary, IReadOnlyList<Hunk> Hunks)
{
    public int AddedLineCount => Hunks.Sum(h => h.Lines.Count(l => l.Kind == DiffLineKind.Added));

    public int RemovedLineCount => Hunks.Sum(h => h.Lines.Count(l => l.Kind == DiffLineKind.Removed));

    /// <summary>A file whose whole content is added, for tests and for callers that already have the text.</summary>
    public static ChangedFile Added(string path, IEnumerable<string> lines) =>
        new(path, false, false, [new Hunk(1, lines.Select((text, i) => new DiffLine(DiffLineKind.Added, i + 1, text)).ToList())]);
}
