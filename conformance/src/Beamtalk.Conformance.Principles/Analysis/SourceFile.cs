using Beamtalk.Conformance.Principles.Diff;
using Beamtalk.Conformance.Principles.Source;

namespace Beamtalk.Conformance.Principles.Analysis;

/// <summary>Which side of the change a file's lines come from.</summary>
public enum Side
{
    /// <summary>What the change makes: added and context lines.</summary>
    New,

    /// <summary>What the change replaces: removed and context lines, so a removed guard or exposure is seen.</summary>
    Old,
}

/// <summary>A changed file in a language the check knows, with the lines of one side scanned.</summary>
public sealed class SourceFile
{
    private readonly bool[] _inTestBlock;

    private SourceFile(string path, Language language, IReadOnlyList<ScannedLine> lines, Side side, TestPaths tests)
    {
        Path = path;
        Language = language;
        Lines = lines;
        Side = side;
        IsTestCode = tests.IsTestCode(path);
        _inTestBlock = TestBlocks.Mark(lines, language);
        var stemmed = path.Replace('\\', '/');
        NamedAfterASecret = SecretNames.HasStem(System.IO.Path.GetFileNameWithoutExtension(stemmed));
        IsSyntaxCode = SecretNames.IsSyntaxPath(stemmed);
        Secrets = new SecretTracker(this);
    }

    public string Path { get; }

    public Language Language { get; }

    /// <summary>The side's changed and context lines, in order.</summary>
    public IReadOnlyList<ScannedLine> Lines { get; }

    public Side Side { get; }

    /// <summary>Tests, self-tests and fixtures: findings there never ship, so they are reported as notes.</summary>
    public bool IsTestCode { get; }

    /// <summary>Whether the line at <paramref name="index"/> is test code: the whole file, or a test block inside it.</summary>
    public bool IsTestLine(int index) => IsTestCode || _inTestBlock[index];

    /// <summary>The file's own name carries a secret stem (cookie.rs, WorkspaceCookie.cs): its file writes are secret writes.</summary>
    public bool NamedAfterASecret { get; }

    /// <summary>Lexers and parsers, where "token" means a lexical token, not a credential.</summary>
    public bool IsSyntaxCode { get; }

    public SecretTracker Secrets { get; }

    /// <summary>The new side of a file (null when deleted, binary or in no known language).</summary>
    public static SourceFile? From(ChangedFile file) => From(file, Side.New, TestPaths.Conventional);

    /// <summary>
    /// One side of a file: null for a binary file or one in no language the check knows, for the new side of a
    /// deleted file, and for an old side with no removed line (nothing there that the new side does not show).
    /// </summary>
    public static SourceFile? From(ChangedFile file, Side side, TestPaths tests)
    {
        if (file.IsBinary || Languages.Detect(file.Path) is not { } language
            || (side == Side.New && file.IsDeleted) || (side == Side.Old && file.RemovedLineCount == 0))
        {
            return null;
        }

        var skipped = side == Side.New ? DiffLineKind.Removed : DiffLineKind.Added;
        var changed = side == Side.New ? DiffLineKind.Added : DiffLineKind.Removed;
        var lines = new List<ScannedLine>();
        for (var h = 0; h < file.Hunks.Count; h++)
        {
            var scanner = new SourceScanner(language);
            foreach (var line in file.Hunks[h].Lines)
            {
                if (line.Kind == skipped)
                {
                    continue;
                }

                var (code, skeleton, comment) = scanner.Scan(line.Text);
                var number = side == Side.New ? line.Number : line.OldNumber;
                lines.Add(new ScannedLine(number, line.Text, code, skeleton, line.Kind == changed, h) { Comment = comment });
            }
        }

        return new SourceFile(file.Path, language, lines, side, tests);
    }

    /// <summary>Where a line of this side is, for a finding or a definition.</summary>
    public Location At(ScannedLine line) => new(Path, line.Number, Side == Side.Old);

    /// <summary>
    /// The statement starting at line index <paramref name="index"/>: that line and the following ones until
    /// its parentheses balance, at most <paramref name="maxLines"/> lines, in the skeleton view.
    /// </summary>
    public string Statement(int index, int maxLines = 6, bool skeleton = true)
    {
        var depth = 0;
        var text = new System.Text.StringBuilder();
        for (var i = index; i < Lines.Count && i < index + maxLines; i++)
        {
            if (i > index && Lines[i].Hunk != Lines[index].Hunk)
            {
                break;
            }

            var part = skeleton ? Lines[i].Skeleton : Lines[i].Code;
            text.Append(part).Append('\n');
            depth += part.Count(c => c is '(' or '[' or '{') - part.Count(c => c is ')' or ']' or '}');
            if (depth <= 0)
            {
                break;
            }
        }

        return text.ToString();
    }

    /// <summary>Lines <paramref name="before"/> above to <paramref name="after"/> below index, within the same hunk.</summary>
    public IEnumerable<ScannedLine> Window(int index, int before, int after)
    {
        for (var i = Math.Max(0, index - before); i <= Math.Min(Lines.Count - 1, index + after); i++)
        {
            if (Lines[i].Hunk == Lines[index].Hunk)
            {
                yield return Lines[i];
            }
        }
    }
}
