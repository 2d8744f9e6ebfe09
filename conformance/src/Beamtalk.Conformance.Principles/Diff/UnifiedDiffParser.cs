using System.Globalization;
using System.Text.RegularExpressions;

namespace Beamtalk.Conformance.Principles.Diff;

/// <summary>
/// Reads the output of <c>git diff --no-color --no-renames</c> into files and hunks. Anything it does not
/// recognise (mode lines, index lines) is skipped, so a newer git that prints more headers still parses.
/// </summary>
public static partial class UnifiedDiffParser
{
    public static IReadOnlyList<ChangedFile> Parse(string diff)
    {
        var files = new List<ChangedFile>();
        string? path = null;
        var deleted = false;
        var binary = false;
        var hunks = new List<Hunk>();
        List<DiffLine>? lines = null;
        var newStart = 0;
        var next = 0;
        var nextOld = 0;

        void CloseHunk()
        {
            if (lines is not null)
            {
                hunks.Add(new Hunk(newStart, lines));
                lines = null;
            }
        }

        void CloseFile()
        {
            CloseHunk();
            if (path is not null)
            {
                files.Add(new ChangedFile(path, deleted, binary, hunks));
            }

            path = null;
            deleted = false;
            binary = false;
            hunks = [];
        }

        foreach (var raw in diff.Split('\n'))
        {
            var line = raw.EndsWith('\r') ? raw[..^1] : raw;
            if (line.StartsWith("diff --git ", StringComparison.Ordinal))
            {
                CloseFile();
                var header = GitHeader().Match(line);
                path = header.Success ? Unquote(header.Groups["new"].Value) : line["diff --git ".Length..];
                continue;
            }

            if (path is null)
            {
                continue;
            }

            if (lines is null || !(line.Length > 0 && line[0] is ' ' or '+' or '-' or '\\'))
            {
                if (line.StartsWith("@@", StringComparison.Ordinal))
                {
                    CloseHunk();
                    var range = HunkHeader().Match(line);
                    newStart = range.Success ? int.Parse(range.Groups["start"].Value, CultureInfo.InvariantCulture) : 1;
                    next = newStart;
                    nextOld = range.Success ? int.Parse(range.Groups["old"].Value, CultureInfo.InvariantCulture) : 1;
                    lines = [];
                }
                else if (line.StartsWith("+++ ", StringComparison.Ordinal))
                {
                    var target = line[4..];
                    if (target == "/dev/null")
                    {
                        deleted = true;
                    }
                    else
                    {
                        path = Unquote(target.StartsWith("b/", StringComparison.Ordinal) ? target[2..] : target);
                    }
                }
                else if (line.StartsWith("deleted file", StringComparison.Ordinal))
                {
                    deleted = true;
                }
                else if (line.StartsWith("Binary files", StringComparison.Ordinal))
                {
                    binary = true;
                }

                continue;
            }

            switch (line[0])
            {
                case '+':
                    lines.Add(new DiffLine(DiffLineKind.Added, next++, line[1..]));
                    break;
                case ' ':
                    lines.Add(new DiffLine(DiffLineKind.Context, next++, line[1..]) { OldNumber = nextOld++ });
                    break;
                case '-':
                    lines.Add(new DiffLine(DiffLineKind.Removed, 0, line[1..]) { OldNumber = nextOld++ });
                    break;
                default:
                    // "\ No newline at end of file"
                    break;
            }
        }

        CloseFile();
        return files;
    }

    private static string Unquote(string path) =>
        path.Length >= 2 && path[0] == '"' && path[^1] == '"' ? Regex.Unescape(path[1..^1]) : path;

    [GeneratedRegex(@"^diff --git ""?a/(?<old>.*?)""? ""?b/(?<new>.*?)""?$")]
    private static partial Regex GitHeader();

    [GeneratedRegex(@"^@@ -(?<old>\d+)(?:,\d+)? \+(?<start>\d+)(?:,\d+)? @@")]
    private static partial Regex HunkHeader();
}
