using Beamtalk.Conformance.Principles.Diff;

namespace Beamtalk.Conformance.Principles.Tests;

/// <summary>
/// One labelled diff of the corpus: the rule it is about, whether that rule must flag it, the findings
/// expected (rule@line on the new side, rule@-line for a removed line on the old side), and the lines.
/// Lines starting with '+' are added, '-' removed, ' ' context.
/// </summary>
public sealed record CorpusCase(string Source, string RuleId, bool MustFlag, string Title, string Path, IReadOnlyList<(string Rule, int Line)> Expected, ChangedFile File)
{
    public override string ToString() => $"{Source}: {RuleId} {(MustFlag ? "flag" : "clean")}: {Title}";

    /// <summary>Reads a corpus file: cases start with "=== RULE-ID flag|clean: title", then "file:" and "expect:" headers.</summary>
    public static IReadOnlyList<CorpusCase> Parse(string name, string text, string defaultPath)
    {
        var cases = new List<CorpusCase>();
        string? header = null;
        var path = defaultPath;
        var expected = new List<(string, int)>();
        var lines = new List<DiffLine>();
        var next = 1;
        var nextOld = 1;

        void Close()
        {
            if (header is null)
            {
                return;
            }

            var parts = header.Split(':', 2);
            var head = parts[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            cases.Add(new CorpusCase(name, head[0], head[1] == "flag", parts.Length > 1 ? parts[1].Trim() : "", path, expected.ToList(),
                new ChangedFile(path, false, false, [new Hunk(1, lines.ToList())])));
            header = null;
            path = defaultPath;
            expected.Clear();
            lines.Clear();
            next = 1;
            nextOld = 1;
        }

        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("=== ", StringComparison.Ordinal))
            {
                Close();
                header = line[4..];
            }
            else if (header is null || line.StartsWith('#'))
            {
                continue;
            }
            else if (line.StartsWith("file: ", StringComparison.Ordinal))
            {
                path = line[6..].Trim();
            }
            else if (line.StartsWith("expect: ", StringComparison.Ordinal))
            {
                foreach (var item in line[8..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var at = item.LastIndexOf('@');
                    expected.Add((item[..at], int.Parse(item[(at + 1)..], System.Globalization.CultureInfo.InvariantCulture)));
                }
            }
            else if (line.Length > 0 && line[0] == '+')
            {
                lines.Add(new DiffLine(DiffLineKind.Added, next++, line[1..]));
            }
            else if (line.Length > 0 && line[0] == '-')
            {
                lines.Add(new DiffLine(DiffLineKind.Removed, 0, line[1..]) { OldNumber = nextOld++ });
            }
            else if (line.Length > 0 && line[0] == ' ')
            {
                lines.Add(new DiffLine(DiffLineKind.Context, next++, line[1..]) { OldNumber = nextOld++ });
            }
        }

        Close();
        return cases;
    }
}
