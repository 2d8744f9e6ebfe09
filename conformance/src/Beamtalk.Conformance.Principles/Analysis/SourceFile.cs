using Beamtalk.Conformance.Principles.Diff;
using Beamtalk.Conformance.Principles.Source;

namespace Beamtalk.Conformance.Principles.Analysis;

/// <summary>A changed file in a language the check knows, with its new-side lines scanned.</summary>
public sealed class SourceFile
{
    private SourceFile(string path, Language language, IReadOnlyList<ScannedLine> lines)
    {
        Path = path;
        Language = language;
        Lines = lines;
        IsTestCode = TestPaths.IsTestCode(path);
        var stemmed = path.Replace('\\', '/');
        NamedAfterASecret = SecretNames.HasStem(System.IO.Path.GetFileNameWithoutExtension(stemmed));
        IsSyntaxCode = SecretNames.IsSyntaxPath(stemmed);
        Secrets = new SecretTracker(this);
    }

    public string Path { get; }

    public Language Language { get; }

    /// <summary>The new side's added and context lines, in order.</summary>
    public IReadOnlyList<ScannedLine> Lines { get; }

    /// <summary>Tests, self-tests and fixtures: findings there never ship, so they are reported as notes.</summary>
    public bool IsTestCode { get; }

    /// <summary>The file's own name carries a secret stem (cookie.rs, WorkspaceCookie.cs): its file writes are secret writes.</summary>
    public bool NamedAfterASecret { get; }

    /// <summary>Lexers and parsers, where "token" means a lexical token, not a credential.</summary>
    public bool IsSyntaxCode { get; }

    public SecretTracker Secrets { get; }

    public static SourceFile? From(ChangedFile file)
    {
        if (file.IsDeleted || file.IsBinary || Languages.Detect(file.Path) is not { } language)
        {
            return null;
        }

        var lines = new List<ScannedLine>();
        for (var h = 0; h < file.Hunks.Count; h++)
        {
            var scanner = new SourceScanner(language);
            foreach (var line in file.Hunks[h].Lines)
            {
                if (line.Kind == DiffLineKind.Removed)
                {
                    continue;
                }

                var (code, skeleton, comment) = scanner.Scan(line.Text);
                lines.Add(new ScannedLine(line.Number, line.Text, code, skeleton, line.Kind == DiffLineKind.Added, h) { Comment = comment });
            }
        }

        return new SourceFile(file.Path, language, lines);
    }

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
